using System.Reflection;

namespace SupplyMatch.Core.Scenario;

/// <summary>
/// The catalogue of row problems: every problem a file, a row or a cell of an uploaded or pulled file can have, with its
/// stable code and its reason in English and in Chinese. Codes never change meaning; data/README.md lists them.
/// </summary>
public static class RowReasons
{
    private const string SaveAsUtf8 = "save the file as UTF-8 (GBK/GB2312 or Excel's ANSI encoding is not accepted)";
    private const string SaveAsUtf8Zh = "请将文件另存为 UTF-8 编码（不接受 GBK/GB2312 或 Excel 的 ANSI 编码）";

    // The file as a whole: it cannot be read, so no row is.
    public static ReasonKind NotUtf8 { get; } = new("not_utf8",
        $"byte 0x{{byte}} is not valid UTF-8; {SaveAsUtf8}", $"字节 0x{{byte}} 不是有效的 UTF-8；{SaveAsUtf8Zh}");

    public static ReasonKind NotUtf8AtOffset { get; } = new("not_utf8_at_offset",
        $"byte 0x{{byte}} at offset {{offset}} is not valid UTF-8; {SaveAsUtf8}", $"偏移 {{offset}} 处的字节 0x{{byte}} 不是有效的 UTF-8；{SaveAsUtf8Zh}");

    public static ReasonKind ExcelWorkbook { get; } = new("excel_workbook",
        "the file is an Excel workbook (.xlsx or .xls), not a {format} file; in Excel: save as \"CSV UTF-8 (comma delimited)\"",
        "文件是 Excel 工作簿（.xlsx 或 .xls），不是 {format} 文件；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”");

    public static ReasonKind Utf16 { get; } = new("utf16",
        "the file is {encoding} text (Excel's \"Unicode Text\"), not UTF-8; in Excel: save as \"CSV UTF-8 (comma delimited)\"",
        "文件是 {encoding} 编码的文本（Excel 的“Unicode 文本”），不是 UTF-8；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”");

    public static ReasonKind FileEmpty { get; } = new("file_empty",
        "the file is empty; the first row must be the header", "文件为空；第一行必须是表头");

    public static ReasonKind HeaderRowEmpty { get; } = new("header_row_empty",
        "row 1 is empty; the first row must be the header", "第 1 行为空；第一行必须是表头");

    public static ReasonKind QuoteNotClosed { get; } = new("quote_not_closed",
        "a quoted value that starts in row {row} is never closed; the file may be cut off", "第 {row} 行开始的带引号的值没有结束引号；文件可能不完整");

    public static ReasonKind TextAfterQuote { get; } = new("text_after_quote",
        "unexpected character '{character}' after a closing quote; double a quote inside a quoted value (\"\")",
        "结束引号后出现意外字符“{character}”；带引号的值中的引号要写两次（\"\"）");

    public static ReasonKind WrongSeparator { get; } = new("wrong_separator",
        "the header row is one column separated by {separator}; separate the columns with commas (in Excel: save as \"CSV UTF-8 (comma delimited)\")",
        "表头只有一列，以{separator}分隔；请用逗号分隔各列（在 Excel 中另存为“CSV UTF-8（逗号分隔）”）");

    public static ReasonKind HeaderCellEmpty { get; } = new("header_cell_empty",
        "header cell {cell} is empty; every column needs a name (delete empty columns)", "表头第 {cell} 格为空；每一列都需要列名（请删除空列）");

    public static ReasonKind UnknownColumn { get; } = new("unknown_column",
        "unknown column \"{column}\"; the columns of {file} are {columns}", "未知列“{column}”；{file} 的列为 {columns}");

    public static ReasonKind ColumnRepeated { get; } = new("column_repeated",
        "column {column} ({column_zh}) appears more than once", "列 {column}（{column_zh}）出现了不止一次");

    public static ReasonKind ColumnMissing { get; } = new("column_missing",
        "required column {column} ({column_zh}) is missing", "缺少必填列 {column}（{column_zh}）");

    public static ReasonKind JsonInvalid { get; } = new("json_invalid",
        "the file is not valid JSON{where}; it may be cut off or not be JSON at all", "文件不是有效的 JSON{where}；文件可能不完整，或根本不是 JSON");

    public static ReasonKind JsonNotArray { get; } = new("json_not_array",
        "the file must be a JSON array of objects ([{...}, {...}]); it is a JSON {kind}", "文件必须是由对象组成的 JSON 数组（[{...}, {...}]）；实际是 JSON {kind}");

    // A row as a whole.
    public static ReasonKind NotAnObject { get; } = new("not_an_object",
        "element {row} is a JSON {kind}, not an object", "第 {row} 个元素是 JSON {kind}，不是对象");

    public static ReasonKind RowWidthMismatch { get; } = new("row_width_mismatch",
        "the row has {cells} values but the header has {width} columns; quote values that contain commas",
        "该行有 {cells} 个值，但表头有 {width} 列；含逗号的值请加引号");

    public static ReasonKind DuplicateId { get; } = new("duplicate_id",
        "duplicate {column} \"{id}\": row {first_row} has it already", "{column}“{id}”重复：第 {first_row} 行已使用该编号");

    // Cells: an empty required cell, then one kind per cell rule of ValueRules.
    public static ReasonKind ValueMissing { get; } = new("value_missing", "is empty; expected {expected}", "为空；应填写{expected}");

    public static ReasonKind IdInvalid { get; } = Cell("id_invalid", "an id (1 to 64 characters, no line breaks or ';')", "编号（1 至 64 个字符，不含换行或“;”）");

    public static ReasonKind NameInvalid { get; } = Cell("name_invalid", "a name (1 to 200 characters, no line breaks)", "名称（1 至 200 个字符，不含换行）");

    public static ReasonKind QuantityNotPositive { get; } = Cell("quantity_not_positive", "a positive whole number of kg", "正整数公斤数");

    public static ReasonKind KgInvalid { get; } = Cell("kg_invalid", "a whole number of kg, 0 or more", "大于或等于 0 的整数公斤数");

    public static ReasonKind HouseholdsInvalid { get; } = Cell("households_invalid", "a whole number of households, 0 or more", "大于或等于 0 的整数户数");

    public static ReasonKind ShelfLifeOutOfRange { get; } = Cell("shelf_life_out_of_range", "a whole number of days from 1 to 3650", "介于 1 至 3650 之间的整数天数");

    public static ReasonKind PercentOutOfRange { get; } = Cell("percent_out_of_range", "a whole percentage from 0 to 100", "介于 0 至 100 之间的整数百分比");

    public static ReasonKind PriorityOutOfRange { get; } = Cell("priority_out_of_range", "a priority from 1 (most urgent) to 5", "介于 1（最紧急）至 5 之间的优先级");

    public static ReasonKind PriceInvalid { get; } = Cell("price_invalid", "a price in CNY above 0 with at most two decimals", "大于 0 且最多两位小数的人民币价格");

    public static ReasonKind AmountInvalid { get; } = Cell("amount_invalid", "an amount in CNY, 0 or more, with at most two decimals", "大于或等于 0 且最多两位小数的人民币金额");

    public static ReasonKind WeightNotPositive { get; } = Cell("weight_not_positive", "a weight in kg above 0", "大于 0 的公斤重量");

    public static ReasonKind LatitudeOutOfRange { get; } = Cell("latitude_out_of_range", "a latitude in decimal degrees from -90 to 90", "介于 -90 至 90 之间的十进制纬度");

    public static ReasonKind LongitudeOutOfRange { get; } = Cell("longitude_out_of_range", "a longitude in decimal degrees from -180 to 180", "介于 -180 至 180 之间的十进制经度");

    public static ReasonKind NumberNotPositive { get; } = Cell("number_not_positive", "a number above 0", "大于 0 的数");

    public static ReasonKind HoursOutOfRange { get; } = Cell("hours_out_of_range", "a number of hours from 0 to 72", "介于 0 至 72 之间的小时数");

    public static ReasonKind DateInvalid { get; } = Cell("date_invalid", "a date (yyyy-MM-dd)", "日期（yyyy-MM-dd）");

    public static ReasonKind TimeInvalid { get; } = Cell("time_invalid", "a time of day (HH:mm)", "时刻（HH:mm）");

    public static ReasonKind BooleanInvalid { get; } = Closed("boolean_invalid", "true or false", "布尔值 true 或 false", Vocabulary.Booleans.Listing);

    public static ReasonKind UnknownGrade { get; } = Closed("unknown_grade", "a grade", "等级", Vocabulary.Grades.Listing);

    public static ReasonKind UnknownProvince { get; } = Closed("unknown_province", "a partner province", "协作省份", Vocabulary.Provinces.Listing);

    public static ReasonKind UnknownStorageClass { get; } = Closed("unknown_storage_class", "a storage class", "储存类别", Vocabulary.StorageClasses.Listing);

    public static ReasonKind UnknownBuyerType { get; } = Closed("unknown_buyer_type", "a buyer type", "采购商类型", Vocabulary.BuyerTypes.Listing);

    public static ReasonKind UnknownHubKind { get; } = Closed("unknown_hub_kind", "a hub kind", "枢纽类型", Vocabulary.HubKinds.Listing);

    public static ReasonKind UnknownCertification { get; } = Cell("unknown_certification",
        $"a list of certifications separated by \";\" from {Vocabulary.Certifications.Listing}", $"以“;”分隔的认证列表，可选 {Vocabulary.Certifications.Listing}");

    // A row's values together, and the ids it names.
    public static ReasonKind NotOwnBuyer { get; } = new("not_own_buyer",
        "{column} \"{value}\" is not the buyer this file is submitted for (\"{owner}\"); leave the cell empty or write {owner}",
        "{column}“{value}”不是本文件所属的采购商（“{owner}”）；请留空或填写 {owner}");

    public static ReasonKind NotOwnBase { get; } = new("not_own_base",
        "{column} \"{value}\" is not the base this file is submitted for (\"{owner}\"); leave the cell empty or write {owner}",
        "{column}“{value}”不是本文件所属的基地（“{owner}”）；请留空或填写 {owner}");

    public static ReasonKind UnknownProduct { get; } = new("unknown_product",
        "unknown product code \"{id}\": it is not in {file}", "未知的产品代码“{id}”：{file} 中没有该产品");

    public static ReasonKind UnknownBuyer { get; } = new("unknown_buyer",
        "unknown buyer id \"{id}\": it is not in {file}", "未知的采购商编号“{id}”：{file} 中没有该采购商");

    public static ReasonKind UnknownBase { get; } = new("unknown_base",
        "unknown base id \"{id}\": it is not in {file}", "未知的基地编号“{id}”：{file} 中没有该基地");

    public static ReasonKind UnknownCity { get; } = new("unknown_city",
        "unknown city id \"{id}\": it is not in {file}", "未知的城市编号“{id}”：{file} 中没有该城市");

    public static ReasonKind LatestBeforeEarliest { get; } = new("latest_before_earliest",
        "latest {latest} is before earliest {earliest}; the delivery window ends before it starts",
        "最晚交货 {latest} 早于最早交货 {earliest}；交货时间窗在开始之前就结束了");

    public static ReasonKind ShipWindowReversed { get; } = new("ship_window_reversed",
        "available_to {to} is before available_from {from}; the ship window ends before it starts",
        "可发货止 {to} 早于可发货起 {from}；发货时间窗在开始之前就结束了");

    public static ReasonKind HarvestAfterShipWindow { get; } = new("harvest_after_ship_window",
        "harvest_date {harvest} is after available_to {to}; the lot cannot ship before it is harvested",
        "采收日期 {harvest} 晚于可发货止 {to}；批次采收之前无法发货");

    public static ReasonKind FirmAboveQuantity { get; } = new("firm_above_quantity",
        "firm_kg {firm} is more than quantity_kg {quantity}; the firm quantity is part of the expected quantity",
        "确定数量 {firm} 公斤多于数量 {quantity} 公斤；确定数量是预计数量的一部分");

    public static ReasonKind MinOrderAboveQuantity { get; } = new("min_order_above_quantity",
        "min_order_kg {min_order} is more than quantity_kg {quantity}; no buyer could ever order from this lot",
        "最小起订量 {min_order} 公斤多于数量 {quantity} 公斤；任何采购商都无法从该批次订货");

    // The service's rules for a line or a lot, beyond the file format, and what is already stored.
    public static ReasonKind LatestInPast { get; } = new("latest_in_past",
        "must not be before today ({today} CST).", "不能早于今天（{today}，北京时间）。");

    public static ReasonKind WindowTooLong { get; } = new("window_too_long",
        "must be at most {days} days after earliest.", "不能晚于最早交货日超过 {days} 天。");

    public static ReasonKind AvailableToInPast { get; } = new("available_to_in_past",
        "must not be before today ({today} CST): the lot could no longer ship.", "不能早于今天（{today}，北京时间）：该批次已无法发货。");

    public static ReasonKind ShipWindowTooLong { get; } = new("ship_window_too_long",
        "must be at most {days} days after available_from (as a demand line's window).", "不能晚于可发货起超过 {days} 天（与需求的交货时间窗相同）。");

    public static ReasonKind OutOfRange { get; } = new("out_of_range",
        "must be between {min} and {max}.", "必须在 {min} 至 {max} 之间。");

    public static ReasonKind HeldByRound { get; } = new("held_by_round",
        "demand line {line} (id \"{id}\" in {source}) is held by a matching round whose cutoff has passed; it can no longer be changed",
        "需求 {line}（{source}中的编号“{id}”）已被截止时间已过的匹配轮次锁定，不能再修改");

    public static ReasonKind BelowSold { get; } = new("below_sold",
        "lot {lot} (id \"{id}\" in {source}) has {sold} kg sold in published round {round}; its quantity cannot go below that ({asked} kg asked)",
        "批次 {lot}（{source}中的编号“{id}”）在已发布的轮次 {round} 中已售出 {sold} 公斤，数量不能低于此数（本次为 {asked} 公斤）");

    // Reference files.
    public static ReasonKind ReceiveWindowReversed { get; } = new("receive_window_reversed",
        "receive_to {to} is not after receive_from {from}; the daily receiving window must start before it ends on the same day",
        "收货结束 {to} 不晚于收货开始 {from}；每天的收货时间窗必须在同一天内先开始后结束");

    public static ReasonKind UnknownDestination { get; } = new("unknown_destination",
        "unknown destination \"{id}\": it is neither a buyer id in {buyers_file} nor a city id in {cities_file}",
        "未知的终点“{id}”：既不是 {buyers_file} 中的采购商编号，也不是 {cities_file} 中的城市编号");

    public static ReasonKind HubNotInProvince { get; } = new("hub_not_in_province",
        $"{UnknownProvince.English}; an origin hub lies in a partner province", $"{UnknownProvince.Chinese}；产地集配中心位于协作省份");

    public static ReasonKind HubNotInCity { get; } = new("hub_not_in_city",
        $"{UnknownCity.English}; a distribution centre lies in a GBA city", $"{UnknownCity.Chinese}；分拨中心位于大湾区城市");

    /// <summary>Every kind, in the order above.</summary>
    public static IReadOnlyList<ReasonKind> All =>
    [
        .. typeof(RowReasons).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(ReasonKind))
            .OrderBy(p => p.MetadataToken)
            .Select(p => (ReasonKind)p.GetValue(null)!),
    ];

    /// <summary>A cell rule: <c>"{value}" is not ...</c>, remembering what is expected for an empty cell.</summary>
    private static ReasonKind Cell(string code, string expected, string expectedZh) =>
        new(code, $"\"{{value}}\" is not {expected}", $"“{{value}}”不是{expectedZh}") { Expected = new(expected, expectedZh) };

    /// <summary>A cell rule of a closed vocabulary, its words listed in both texts.</summary>
    private static ReasonKind Closed(string code, string what, string whatZh, string listing) => Cell(code, $"{what} ({listing})", $"{whatZh}（{listing}）");
}
