import { ApiError, type Problem } from './api';
import { lang } from './i18n';

// What an API error means for the person in front of the page, by the problem's stable code. Codes not listed
// fall back to the problem's own detail.
type Pair = { zh: string; en: string };

const codes: Record<string, Pair> = {
  validation_failed: { en: 'Some fields need correcting:', zh: '以下字段需要修改：' },
  malformed_request: { en: 'The request could not be read. Check the values you entered and try again.', zh: '请求无法识别。请检查填写的内容后重试。' },
  unauthenticated: { en: 'This API key is not valid or has been revoked. Sign in again with a current key.', zh: '该 API 密钥无效或已被吊销。请使用有效密钥重新登录。' },
  forbidden: { en: 'Your role may not do this. Ask a planner or an administrator.', zh: '您的角色无权执行此操作。请联系计划员或管理员。' },
  not_found: { en: 'Not found: it does not exist, or it is not yours.', zh: '未找到：该记录不存在，或不属于您。' },
  already_exists: { en: 'Something with this id exists already. Choose another id, or change the existing one.', zh: '该编号已存在。请换一个编号，或修改已有记录。' },
  batch_too_large: { en: 'Too many lines at once (at most 10,000). Split the file and upload the parts one by one.', zh: '一次提交的需求过多（最多 10,000 条）。请拆分文件后分批上传。' },
  payload_too_large: { en: 'The file or request is too large. Split it into smaller parts.', zh: '文件或请求过大。请拆分为更小的部分。' },
  line_after_cutoff: { en: 'This line is already in a matching round whose cutoff has passed; it can no longer be changed or cancelled. Submit a new line for extra needs.', zh: '该需求已进入截止时间已过的匹配轮次，不能再修改或取消。如有新增需要，请提交新的需求。' },
  line_cancelled: { en: 'This line is cancelled. Submit a new line instead.', zh: '该需求已取消。请提交新的需求。' },
  lot_below_sold: { en: 'A published round has already sold more of this lot than the quantity you entered. Enter at least the sold quantity.', zh: '已发布的轮次已售出该批次的数量多于您填写的数量。请填写不少于已售出的数量。' },
  lot_cancelled: { en: 'This lot is cancelled: your harvest feed no longer lists it, and rounds leave it out. Post a new lot, or list it in your feed again.', zh: '该批次已取消：您的采收数据源已不再列出该批次，匹配轮次不会使用它。请发布新的批次，或在数据源中重新列出。' },
  round_not_solved: { en: 'The round has no results yet: wait until it is solved (or create a new round if it failed).', zh: '本轮尚无结果：请等待求解完成（若失败请新建一轮）。' },
  round_inputs_changed: { en: 'Not published: since this round was solved, lots it sells from were revised down or cancelled. Create a new round to plan with the lots as they are now. Lots:', zh: '未发布：本轮求解后，其计划供货的批次已被下调或取消。请新建一轮，按批次现状重新匹配。涉及批次：' },
  round_not_cancellable: { en: 'The round has finished; only queued or running rounds can be cancelled.', zh: '本轮已结束；只有排队中或求解中的轮次可以取消。' },
  no_published_round: { en: 'No round has been published yet. Your results appear once the coordination centre publishes one.', zh: '尚未发布任何轮次。协调中心发布后即可看到结果。' },
  idempotency_key_reused: { en: 'This request was already sent with different content. Reload the page and try again.', zh: '该请求已以不同内容提交过。请刷新页面后重试。' },
  idempotency_in_progress: { en: 'The same request is still being processed. Wait a moment and reload.', zh: '相同的请求仍在处理中。请稍候刷新。' },
  unsupported_media_type: { en: 'This kind of file is not accepted. Upload a CSV file (UTF-8).', zh: '不支持该文件类型。请上传 UTF-8 编码的 CSV 文件。' },
  csv_unreadable: { en: 'The file could not be read as a lines file. Check the header row and the encoding (UTF-8).', zh: '无法按需求文件格式读取该文件。请检查表头和编码（UTF-8）。' },
  feed_pull_running: { en: 'A pull of this feed is still running. Wait for it to finish, then pull again.', zh: '该数据源正在拉取中。请等待完成后再拉取。' },
  feed_owner_fixed: { en: 'The kind and owner of a feed cannot change. Register a new feed instead.', zh: '数据源的类型和所属不能修改。请登记新的数据源。' },
  conflict: { en: 'This conflicts with the current state. Reload and try again.', zh: '与当前状态冲突。请刷新后重试。' },
  internal_error: { en: 'The service hit an unexpected problem. Try again; if it persists, report the trace id to the coordination centre.', zh: '服务出现意外错误。请重试；如仍出现，请将追踪编号告知协调中心。' },
  network_error: { en: 'The service cannot be reached. Check your connection and try again.', zh: '无法连接服务。请检查网络后重试。' },
  not_ready: { en: 'The service is starting or its database is unavailable. Try again shortly.', zh: '服务正在启动或数据库暂不可用。请稍后重试。' },
};

const rules: Record<string, Pair> = {
  required: { en: 'is required', zh: '为必填项' },
  range: { en: 'is out of the allowed range', zh: '超出允许范围' },
  exists: { en: 'does not name a known record', zh: '不是已登记的编号' },
  not_in_past: { en: 'must not be in the past (China Standard Time)', zh: '不能早于今天（北京时间）' },
  not_before_earliest: { en: 'must not be before the earliest day', zh: '不能早于最早交货日' },
  window_max_60_days: { en: 'must be at most 60 days after the earliest day', zh: '不能晚于最早交货日 60 天以上' },
  cny_precision: { en: 'must have at most two decimals', zh: '最多保留两位小数' },
  max_length: { en: 'is too long', zh: '过长' },
  id_format: { en: 'may hold only letters, digits, "-", "_" and "."', zh: '只能包含字母、数字、“-”“_”和“.”' },
  own_buyer: { en: 'must be your own buyer id (or left empty)', zh: '必须是您自己的采购商编号（或留空）' },
  own_base: { en: 'must be your own base id (or left empty)', zh: '必须是您自己的基地编号（或留空）' },
  not_before_horizon_from: { en: 'must not be before the first delivery day', zh: '不能早于首个交货日' },
  horizon_max_31_days: { en: 'must be at most 31 days after the first delivery day', zh: '不能晚于首个交货日 31 天以上' },
  not_in_future: { en: 'must not be in the future', zh: '不能晚于当前时间' },
  not_before_available_from: { en: 'must not be before the first ship day', zh: '不能早于可发货起始日' },
  not_after_available_to: { en: 'must not be after the last ship day', zh: '不能晚于可发货截止日' },
  not_below_min_order: { en: 'must not be below the minimum order', zh: '不能低于最小起订量' },
  one_required: { en: 'quantity, firm quantity or price must be given', zh: '数量、确定数量或价格至少填写一项' },
  one_of: { en: 'is not one of the allowed values', zh: '不是允许的取值' },
  flow_without_policy: { en: 'min-cost flow cannot honour policy targets; choose automatic or LP', zh: '最小费用流无法满足政策目标，请选择自动或线性规划' },
};

const fields: Record<string, Pair> = {
  productCode: { en: 'Product', zh: '产品' },
  minGrade: { en: 'Minimum grade', zh: '最低等级' },
  quantityKg: { en: 'Quantity', zh: '数量' },
  earliest: { en: 'Earliest delivery', zh: '最早交货' },
  latest: { en: 'Latest delivery', zh: '最晚交货' },
  maxLandedCnyPerKg: { en: 'Max landed price', zh: '最高到岸价' },
  minFreshnessPercent: { en: 'Min freshness', zh: '最低新鲜度' },
  priority: { en: 'Priority', zh: '优先级' },
  buyerId: { en: 'Buyer', zh: '采购商' },
  baseId: { en: 'Base', zh: '基地' },
  grade: { en: 'Grade', zh: '等级' },
  harvestDate: { en: 'Harvest date', zh: '采收日期' },
  availableFrom: { en: 'Ships from', zh: '可发货起' },
  availableTo: { en: 'Ships until', zh: '可发货止' },
  firmKg: { en: 'Firm quantity', zh: '确定数量' },
  priceCnyPerKg: { en: 'Ex-farm price', zh: '出园价' },
  minOrderKg: { en: 'Minimum order', zh: '最小起订量' },
  horizonFrom: { en: 'First delivery day', zh: '首个交货日' },
  horizonTo: { en: 'Last delivery day', zh: '最后交货日' },
  cutoff: { en: 'Cutoff', zh: '截止时间' },
  earliestShipDay: { en: 'First ship day', zh: '最早发运日' },
  role: { en: 'Role', zh: '角色' },
  ownerId: { en: 'Owner id', zh: '所属编号' },
  name: { en: 'Name', zh: '名称' },
};

function say(pair: Pair): string {
  return lang() === 'zh' ? pair.zh : pair.en;
}

/** The headline of an error: the coded message in the chosen language, else the problem's detail. */
export function errorMessage(error: unknown): string {
  const problem = asProblem(error);
  const known = codes[problem.code];
  const trace = problem.code === 'internal_error' && typeof problem.traceId === 'string' ? ` (${problem.traceId})` : '';
  if (known) return say(known) + lotsOf(problem) + trace;
  return problem.detail ?? problem.title ?? `${problem.status} ${problem.code}`;
}

/** The lots a round_inputs_changed problem names (" HL-1, HL-2"), else nothing. */
function lotsOf(problem: Problem): string {
  const lots = Array.isArray(problem.lots) ? (problem.lots as { lotId?: unknown }[]) : [];
  const ids = lots.map((l) => l.lotId).filter((id): id is string => typeof id === 'string');
  return ids.length === 0 ? '' : ' ' + ids.join(', ');
}

/** Field-level lines of a validation problem, each naming the field and what is wrong in the chosen language. */
export function violationLines(error: unknown): string[] {
  const problem = asProblem(error);
  return (problem.violations ?? []).map((v) => {
    const leaf = v.field.split('.').pop() ?? v.field;
    const field = fields[leaf] ? say(fields[leaf]) : v.field;
    // The service's own Chinese says the specifics (the limits, today's date); else the rule in the chosen language; else
    // the service's English.
    if (lang() === 'zh' && v.messageZh) return `${field}: ${v.messageZh}`;
    const rule = rules[v.rule];
    return rule ? `${field}: ${say(rule)}` : `${field}: ${v.message}`;
  });
}

export function asProblem(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return { status: 0, code: 'client_error', detail: error instanceof Error ? error.message : String(error) };
}
