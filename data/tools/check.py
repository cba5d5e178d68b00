"""Validates data/reference and data/demo against the formats of data/README.md and verifies the
designed unmet cases of the demo with the rules of src/SupplyMatch.Core/MODEL.md.

Usage: python3 data/tools/check.py [scenario_dir] [--lp]   (default: data/demo)
  --lp  also solves the allocation LP (needs scipy) and reports fill rate and outcompeted lines.
Exits non-zero on the first kind of error found.
"""
import csv
import json
import os
import re
import sys
from datetime import date

import rules

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
ERRORS = []

# column -> (Chinese alias, required, parser)
GRADES = {"premium": "premium", "first": "first", "second": "second", "特级": "premium", "一级": "first", "二级": "second"}
PROVINCES = {"yunnan": "yunnan", "guizhou": "guizhou", "sichuan": "sichuan", "guangxi": "guangxi",
             "云南": "yunnan", "贵州": "guizhou", "四川": "sichuan", "广西": "guangxi"}
CERTS = {"gba_basket", "green_food", "organic", "gap"}


def p_str(v):
    if not v.strip():
        raise ValueError("empty")
    return v.strip()


def p_int(lo=None, hi=None):
    def f(v):
        if not re.fullmatch(r"-?\d+", v.strip()):
            raise ValueError(f"not an integer: {v!r}")
        x = int(v)
        if (lo is not None and x < lo) or (hi is not None and x > hi):
            raise ValueError(f"{x} out of range [{lo}, {hi}]")
        return x
    return f


def p_dec(lo=None, hi=None, positive=False, places=None):
    def f(v):
        if not re.fullmatch(r"-?\d+(\.\d+)?", v.strip()):
            raise ValueError(f"not a number: {v!r}")
        if places is not None and "." in v and len(v.split(".")[1]) > places:
            raise ValueError(f"more than {places} decimals: {v}")
        x = float(v)
        if positive and x <= 0:
            raise ValueError(f"{x} must be > 0")
        if (lo is not None and x < lo) or (hi is not None and x > hi):
            raise ValueError(f"{x} out of range [{lo}, {hi}]")
        return x
    return f


def p_bool(v):
    if v.strip() not in ("true", "false"):
        raise ValueError(f"not a boolean: {v!r}")
    return v.strip() == "true"


def p_date(v):
    return date.fromisoformat(v.strip())


def p_time(v):
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", v.strip()):
        raise ValueError(f"not HH:mm: {v!r}")
    h, m = map(int, v.split(":"))
    return h + m / 60


def p_enum(values):
    def f(v):
        if v.strip() not in values:
            raise ValueError(f"{v!r} not one of {sorted(set(values))}")
        return values[v.strip()] if isinstance(values, dict) else v.strip()
    return f


def p_certs(v):
    items = {c.strip() for c in v.split(";") if c.strip()}
    if items - CERTS:
        raise ValueError(f"unknown certifications {sorted(items - CERTS)}")
    return items


SCHEMAS = {
    "cities": {"id": ("编号", True, p_str), "name_zh": ("中文名", True, p_str), "name_en": ("英文名", True, p_str),
               "lat": ("纬度", True, p_dec(-90, 90)), "lon": ("经度", True, p_dec(-180, 180))},
    "products": {"code": ("产品代码", True, p_str), "name_zh": ("中文名", True, p_str), "name_en": ("英文名", True, p_str),
                 "category": ("类别", True, p_enum(["leafy", "brassica", "root_tuber", "fruit_veg", "mushroom", "allium",
                                                  "legume", "fruit"])),
                 "shelf_life_days": ("保质期天数", True, p_int(1)),
                 "storage_class": ("储存类别", True, p_enum(["ambient", "chilled", "cool"])),
                 "crate_kg": ("每箱重量", True, p_dec(positive=True))},
    "bases": {"id": ("编号", True, p_str), "name_zh": ("中文名", True, p_str), "name_en": ("英文名", True, p_str),
              "province": ("省份", True, p_enum(PROVINCES)), "county_zh": ("县中文名", True, p_str),
              "county_en": ("县英文名", True, p_str), "lat": ("纬度", True, p_dec(-90, 90)),
              "lon": ("经度", True, p_dec(-180, 180)), "certifications": ("认证", True, p_certs),
              "poor_households": ("脱贫户数", True, p_int(0)), "poverty_county": ("原贫困县", True, p_bool)},
    "buyers": {"id": ("编号", True, p_str), "name_zh": ("中文名", True, p_str), "name_en": ("英文名", True, p_str),
               "type": ("类型", True, p_enum(["wholesale_market", "supermarket_chain", "canteen", "importer"])),
               "city_id": ("城市", True, p_str), "lat": ("纬度", True, p_dec(-90, 90)),
               "lon": ("经度", True, p_dec(-180, 180)), "required_certifications": ("要求认证", False, p_certs),
               "receive_from": ("收货开始", True, p_time), "receive_to": ("收货结束", True, p_time)},
    "vehicle_types": {"id": ("编号", True, p_str), "name_zh": ("中文名", True, p_str), "name_en": ("英文名", True, p_str),
                      "capacity_kg": ("载重公斤", True, p_int(1)), "refrigerated": ("冷藏", True, p_bool),
                      "cost_per_km": ("每公里成本", True, p_dec(0, places=2)),
                      "fixed_cost": ("固定成本", True, p_dec(0, places=2)),
                      "speed_kmh": ("平均时速", True, p_dec(positive=True))},
    "lanes": {"origin_id": ("起点", True, p_str), "destination_id": ("终点", True, p_str),
              "distance_km": ("距离公里", True, p_dec(positive=True)), "hours": ("小时", True, p_dec(positive=True)),
              "cost_per_kg": ("每公斤运费", False, p_dec(0, places=2))},
    "lots": {"id": ("批次编号", True, p_str), "base_id": ("基地编号", True, p_str),
             "product_code": ("产品代码", True, p_str), "grade": ("等级", True, p_enum(GRADES)),
             "harvest_date": ("采收日期", True, p_date), "available_from": ("可发货起", True, p_date),
             "available_to": ("可发货止", True, p_date), "quantity_kg": ("数量公斤", True, p_int(1)),
             "firm_kg": ("确定数量公斤", False, p_int(0)),
             "price_cny_per_kg": ("出园价", True, p_dec(positive=True, places=2)),
             "min_order_kg": ("最小起订量", False, p_int(0))},
    "lines": {"id": ("需求编号", True, p_str), "buyer_id": ("采购商编号", True, p_str),
              "product_code": ("产品代码", True, p_str), "min_grade": ("最低等级", True, p_enum(GRADES)),
              "quantity_kg": ("数量公斤", True, p_int(1)), "earliest": ("最早交货", True, p_date),
              "latest": ("最晚交货", True, p_date),
              "max_landed_cny_per_kg": ("最高到岸价", True, p_dec(positive=True, places=2)),
              "min_freshness_pct": ("最低新鲜度", True, p_int(0, 100)),
              "partial_allowed": ("允许部分满足", False, p_bool), "priority": ("优先级", False, p_int(1, 5))},
}
DEFAULTS = {"required_certifications": set(), "firm_kg": None, "min_order_kg": 0, "partial_allowed": True,
            "priority": 3, "cost_per_kg": None}


def load(path, schema_name):
    schema = SCHEMAS[schema_name]
    alias = {zh: en for en, (zh, _, _) in schema.items()}
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        ERRORS.append(f"{path}: not UTF-8 ({e})")
        return []
    reader = csv.reader(text.splitlines())
    header = [alias.get(h.strip(), h.strip()) for h in next(reader)]
    for h in header:
        if h not in schema:
            ERRORS.append(f"{path}: unknown column {h!r}")
    for col, (_, required, _) in schema.items():
        if required and col not in header:
            ERRORS.append(f"{path}: missing column {col!r}")
    rows = []
    for n, values in enumerate(reader, 2):
        if len(values) != len(header):
            ERRORS.append(f"{path}:{n}: {len(values)} cells for {len(header)} columns")
            continue
        row = {}
        for col, v in zip(header, values):
            _, required, parse = schema[col]
            if v.strip() == "":
                if required:
                    ERRORS.append(f"{path}:{n}:{col}: empty")
                row[col] = DEFAULTS.get(col)
                continue
            try:
                row[col] = parse(v)
            except ValueError as e:
                ERRORS.append(f"{path}:{n}:{col}: {e}")
        for col in schema:
            row.setdefault(col, DEFAULTS.get(col))
        row["_row"] = n
        rows.append(row)
    return rows


def unique(rows, key, name):
    seen = {}
    for r in rows:
        if r[key] in seen:
            ERRORS.append(f"{name}:{r['_row']}: duplicate {key} {r[key]!r}")
        seen[r[key]] = r
    return seen


def validate(scenario_dir):
    meta = json.load(open(os.path.join(scenario_dir, "scenario.json"), encoding="utf-8"))
    ref_dir = os.path.normpath(os.path.join(scenario_dir, meta["reference"]))
    t = {name: load(os.path.join(ref_dir, f"{name}.csv"), name)
         for name in ("cities", "products", "bases", "buyers", "vehicle_types", "lanes")}
    t["lots"] = load(os.path.join(scenario_dir, "lots.csv"), "lots")
    t["lines"] = load(os.path.join(scenario_dir, "lines.csv"), "lines")
    cities = unique(t["cities"], "id", "cities")
    products = unique(t["products"], "code", "products")
    bases = unique(t["bases"], "id", "bases")
    buyers = unique(t["buyers"], "id", "buyers")
    unique(t["vehicle_types"], "id", "vehicle_types")
    unique(t["lots"], "id", "lots")
    unique(t["lines"], "id", "lines")
    for b in t["buyers"]:
        if b["city_id"] not in cities:
            ERRORS.append(f"buyers:{b['_row']}: unknown city {b['city_id']}")
        if not b["receive_from"] < b["receive_to"]:
            ERRORS.append(f"buyers:{b['_row']}: receive_from must be before receive_to")
        b["receive_to_h"] = b["receive_to"]
    unique([{**l, "key": (l["origin_id"], l["destination_id"])} for l in t["lanes"]], "key", "lanes")
    for l in t["lanes"]:
        if l["origin_id"] not in bases:
            ERRORS.append(f"lanes:{l['_row']}: unknown base {l['origin_id']}")
        if l["destination_id"] not in buyers and l["destination_id"] not in cities:
            ERRORS.append(f"lanes:{l['_row']}: unknown destination {l['destination_id']}")
    for lot in t["lots"]:
        where = f"lots:{lot['_row']}"
        if lot["base_id"] not in bases:
            ERRORS.append(f"{where}: unknown base {lot['base_id']}")
        if lot["product_code"] not in products:
            ERRORS.append(f"{where}: unknown product {lot['product_code']}")
        if not lot["available_from"] <= lot["available_to"]:
            ERRORS.append(f"{where}: available_from after available_to")
        if not lot["harvest_date"] <= lot["available_to"]:
            ERRORS.append(f"{where}: harvest_date after available_to")
        if lot["firm_kg"] is not None and lot["firm_kg"] > lot["quantity_kg"]:
            ERRORS.append(f"{where}: firm_kg above quantity_kg")
    for line in t["lines"]:
        where = f"lines:{line['_row']}"
        if line["buyer_id"] not in buyers:
            ERRORS.append(f"{where}: unknown buyer {line['buyer_id']}")
        if line["product_code"] not in products:
            ERRORS.append(f"{where}: unknown product {line['product_code']}")
        if not line["earliest"] <= line["latest"]:
            ERRORS.append(f"{where}: earliest after latest")
    ctx = {"products": products, "bases": bases, "buyers": buyers,
           "transport": rules.Transport(t["vehicle_types"], t["lanes"])}
    return t, ctx


# The designed unmet cases listed in data/README.md ("Demo scenario").
SHADOW = {}
CTX = {}
EXPECTED = {
    "LN-0001": "NoSupplyInWindow",
    "LN-0002": "TooExpensive",
    "LN-0003": "NotFreshEnough",
    "LN-0004": "CertificationMissing",
    "LN-0005": "GradeTooLow",
    "LN-0006": "OutCompeted",
}


def analyse(t, ctx):
    by_product = {}
    for lot in t["lots"]:
        by_product.setdefault(lot["product_code"], []).append(lot)
    result = {}
    for line in t["lines"]:
        result[line["id"]] = rules.line_reason(line, by_product, ctx)
    return result


def solve_lp(t, ctx, analysis):
    """The allocation LP of MODEL.md; returns allocated kg per line."""
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import lil_matrix
    lot_index = {lot["id"]: i for i, lot in enumerate(t["lots"])}
    arcs = []
    for j, line in enumerate(t["lines"]):
        for lot, _, details in analysis[line["id"]][1]:
            base = ctx["bases"][lot["base_id"]]
            bonus = 10 if base["poor_households"] > 0 or base["poverty_county"] else 0
            arcs.append((lot_index[lot["id"]], j, details["landed_fen"] - bonus))
    n_x, n_u = len(arcs), len(t["lines"])
    cost = [a[2] for a in arcs] + [rules.fen(l["max_landed_cny_per_kg"]) + 100 * (6 - l["priority"]) for l in t["lines"]]
    a_ub = lil_matrix((len(t["lots"]), n_x + n_u))
    a_eq = lil_matrix((n_u, n_x + n_u))
    for k, (i, j, _) in enumerate(arcs):
        a_ub[i, k] = 1
        a_eq[j, k] = 1
    for j in range(n_u):
        a_eq[j, n_x + j] = 1
    res = linprog(cost, A_ub=a_ub.tocsr(), b_ub=[l["quantity_kg"] for l in t["lots"]], A_eq=a_eq.tocsr(),
                  b_eq=[l["quantity_kg"] for l in t["lines"]], bounds=(0, None), method="highs")
    assert res.status == 0, res.message
    allocated = [0.0] * n_u
    for k, (_, j, _) in enumerate(arcs):
        allocated[j] += res.x[k]
    shadow = {lot["id"]: -res.ineqlin.marginals[i] for i, lot in enumerate(t["lots"])}
    return allocated, res.fun, n_x, shadow


def report(t, ctx, analysis, with_lp):
    print(f"cities {len(t['cities'])}, products {len(t['products'])}, bases {len(t['bases'])}, "
          f"buyers {len(t['buyers'])}, vehicle types {len(t['vehicle_types'])}, lanes {len(t['lanes'])}")
    print(f"lots {len(t['lots'])} ({sum(l['quantity_kg'] for l in t['lots']):,} kg), "
          f"lines {len(t['lines'])} ({sum(l['quantity_kg'] for l in t['lines']):,} kg)")
    supply, demand = {}, {}
    for l in t["lots"]:
        supply[l["product_code"]] = supply.get(l["product_code"], 0) + l["quantity_kg"]
    for l in t["lines"]:
        demand[l["product_code"]] = demand.get(l["product_code"], 0) + l["quantity_kg"]
    print("product        supply_kg  demand_kg  ratio")
    for code in sorted(supply, key=lambda c: demand.get(c, 0) / supply[c]):
        print(f"{code:13s} {supply[code]:10,d} {demand.get(code, 0):10,d}  {demand.get(code, 0) / supply[code]:.2f}")
    counts = {}
    for line in t["lines"]:
        stage, compatible, _ = analysis[line["id"]]
        name = "has compatible lots" if compatible else rules.REASON_NAMES[stage]
        counts[name] = counts.get(name, 0) + 1
    print("lines by candidate outcome:", dict(sorted(counts.items())))
    allocated = None
    if with_lp:
        allocated, objective, n_arcs, shadow = solve_lp(t, ctx, analysis)
        SHADOW.update(shadow)
        dem = sum(l["quantity_kg"] for l in t["lines"])
        alloc = sum(allocated)
        full = sum(1 for l, a in zip(t["lines"], allocated) if a >= l["quantity_kg"] - 1e-6)
        none = sum(1 for a in allocated if a <= 1e-6)
        outc = [l["id"] for l, a in zip(t["lines"], allocated)
                if analysis[l["id"]][1] and a < l["quantity_kg"] - 1e-6]
        print(f"LP: arcs {n_arcs}, objective {objective / 100:,.2f} CNY, allocated {alloc:,.0f} of {dem:,} kg "
              f"({100 * alloc / dem:.1f} %), lines full {full}, partly {len(t['lines']) - full - none}, unmet {none}, "
              f"outcompeted (compatible lots, unmet kg) {len(outc)}")
    return allocated


def verify_designed(t, analysis, allocated):
    lines = {l["id"]: l for l in t["lines"]}
    for line_id, reason in EXPECTED.items():
        stage, compatible, pairs = analysis[line_id]
        line = lines[line_id]
        if reason == "OutCompeted":
            ok = bool(compatible) and (allocated is None or allocated[list(lines).index(line_id)] < 1e-6)
            got = f"{len(compatible)} compatible lots" + ("" if allocated is None else
                                                          f", allocated {allocated[list(lines).index(line_id)]:.0f} kg")
        else:
            ok = not compatible and rules.REASON_NAMES[stage] == reason
            got = rules.REASON_NAMES[stage] if not compatible else f"{len(compatible)} compatible lots"
        detail = explain(reason, pairs, line)
        print(f"{'ok ' if ok else 'BAD'} {line_id} {line['buyer_id']} {line['product_code']} expected {reason}: "
              f"{got}; {detail}")
        if not ok:
            ERRORS.append(f"designed case {line_id} is not {reason}")


def explain(reason, pairs, line):
    if reason == "TooExpensive":
        return f"cheapest landed {min(p[2]['landed_fen'] for p in pairs if 'landed_fen' in p[2]) / 100:.2f} > " \
               f"ceiling {line['max_landed_cny_per_kg']:.2f}"
    if reason == "NotFreshEnough":
        return f"best freshness {max(p[2]['freshness'] for p in pairs if 'freshness' in p[2])} % < " \
               f"{line['min_freshness_pct']} %"
    if reason == "GradeTooLow":
        return f"best lot grade {max((p[0]['grade'] for p in pairs), key=rules.GRADE_RANK.get)} < {line['min_grade']}"
    if reason == "CertificationMissing":
        return f"missing {sorted({c for p in pairs for c in p[2].get('missing', [])})}"
    if reason == "NoSupplyInWindow":
        return f"last ship day of any lot {max(p[0]['available_to'] for p in pairs)}, window " \
               f"{line['earliest']}..{line['latest']}"
    penalty = rules.fen(line["max_landed_cny_per_kg"]) + 100 * (6 - line["priority"])
    text = f"ceiling {line['max_landed_cny_per_kg']:.2f}, priority {line['priority']}, penalty {penalty / 100:.2f}"
    if SHADOW:
        clearing = min(p[2]["landed_fen"] - bonus(p[0]) + SHADOW[p[0]["id"]] for p in pairs if p[1] == rules.OK)
        text += f", clearing price {clearing / 100:.2f}"
        if clearing <= penalty:
            ERRORS.append(f"{line['id']}: clearing price not above the penalty")
    return text


def bonus(lot):
    base = CTX["bases"][lot["base_id"]]
    return 10 if base["poor_households"] > 0 or base["poverty_county"] else 0


def main():
    with_lp = "--lp" in sys.argv
    dirs = [a for a in sys.argv[1:] if not a.startswith("--")]
    scenario = os.path.abspath(dirs[0]) if dirs else os.path.join(ROOT, "demo")
    t, ctx = validate(scenario)
    CTX.update(ctx)
    if ERRORS:
        print("\n".join(ERRORS))
        sys.exit(1)
    analysis = analyse(t, ctx)
    allocated = report(t, ctx, analysis, with_lp)
    if scenario == os.path.join(ROOT, "demo"):
        verify_designed(t, analysis, allocated)
    if ERRORS:
        print("\n".join(ERRORS))
        sys.exit(1)
    print("all files valid")


if __name__ == "__main__":
    main()
