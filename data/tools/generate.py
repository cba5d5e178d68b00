"""Writes data/reference/*.csv and the demo week data/demo/{lots,lines}.csv + scenario.json.

Deterministic (fixed seed): running it again reproduces the committed files byte for byte.
Usage: python3 data/tools/generate.py
"""
import csv
import json
import math
import os
import random
from datetime import date, timedelta

import reference_tables as T
import rules

SEED = 20261207
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
REF = os.path.join(ROOT, "reference")
DEMO = os.path.join(ROOT, "demo")
WEEK_FIRST, WEEK_LAST = date(2026, 12, 7), date(2026, 12, 13)
HARVEST_FIRST, SHIP_LAST = date(2026, 12, 3), date(2026, 12, 12)

# Buyer-type preference for product categories (relative line frequency).
AFFINITY = {
    "wholesale_market": {"leafy": 1.0, "brassica": 1.0, "root_tuber": 1.0, "fruit_veg": 1.0, "allium": 1.0,
                         "mushroom": 0.8, "legume": 1.0, "fruit": 1.0},
    "supermarket_chain": {"leafy": 1.2, "brassica": 0.9, "root_tuber": 0.8, "fruit_veg": 1.2, "allium": 0.8,
                          "mushroom": 1.5, "legume": 1.2, "fruit": 1.5},
    "canteen": {"leafy": 1.0, "brassica": 1.6, "root_tuber": 1.5, "fruit_veg": 1.0, "allium": 1.0,
                "mushroom": 0.5, "legume": 0.8, "fruit": 0.3},
    "importer": {"leafy": 1.6, "brassica": 0.8, "root_tuber": 0.6, "fruit_veg": 1.2, "allium": 0.6,
                 "mushroom": 1.2, "legume": 1.3, "fruit": 1.0},
}
# Buyers that trade only some categories.
FOCUS = {"HK-YMT": {"fruit"}}
# Median line size (kg) by buyer type; wholesale lines grow with market size.
LINE_KG = {"wholesale_market": 8000, "supermarket_chain": 3000, "canteen": 1000, "importer": 3500}
SMALL_VOLUME = {"P-SHIITAKE": 0.3, "P-ENOKI": 0.4, "P-KINGOYST": 0.4, "P-SNOWPEA": 0.5, "P-SPINACH": 0.6,
                "P-WATERSPIN": 0.6, "P-SPRONION": 0.5, "P-YAM": 0.6, "P-MANGO": 0.25, "P-PASSION": 0.6}
MARGIN = {"wholesale_market": (0.05, 0.25), "supermarket_chain": (0.10, 0.35), "canteen": (0.0, 0.20),
          "importer": (0.15, 0.40)}
PRIORITY = {"wholesale_market": [3, 3, 4, 4, 5], "supermarket_chain": [2, 3, 3, 4], "canteen": [1, 2, 2, 3],
            "importer": [2, 2, 3, 3]}
ALL_OR_NOTHING = {"wholesale_market": 0.05, "supermarket_chain": 0.12, "canteen": 0.20, "importer": 0.15}
MIN_GRADE = {"wholesale_market": ([("second", 50), ("first", 45), ("premium", 5)]),
             "supermarket_chain": ([("second", 10), ("first", 70), ("premium", 20)]),
             "canteen": ([("second", 70), ("first", 30)]),
             "importer": ([("first", 70), ("premium", 30)])}


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def money(x):
    return f"{x:.2f}"


def round_to(x, step):
    return round(round(x / step) * step, 2)


def weighted(rng, items):
    total = sum(w for _, w in items)
    r = rng.uniform(0, total)
    for item, w in items:
        r -= w
        if r <= 0:
            return item
    return items[-1][0]


def build_reference():
    products = {p[0]: {"code": p[0], "name_zh": p[1], "name_en": p[2], "category": p[3], "shelf_life_days": p[4],
                       "storage_class": p[5], "crate_kg": p[6], "price": p[7], "lot_kg": p[8], "ratio": p[9]}
                for p in T.PRODUCTS}
    bases = {}
    for b in T.BASES:
        bases[b[0]] = {"id": b[0], "lat": b[6], "lon": b[7], "certifications": set(filter(None, b[8].split(";"))),
                       "province": b[3], "poor_households": b[9], "poverty_county": b[10], "size": b[11],
                       "products": ["P-" + c for c in b[12].split()]}
    buyers = {}
    for b in T.BUYERS:
        h, m = map(int, b[9].split(":"))
        buyers[b[0]] = {"id": b[0], "type": b[3], "city_id": b[4], "lat": b[5], "lon": b[6],
                        "required_certifications": set(filter(None, b[7].split(";"))),
                        "receive_to_h": h + m / 60, "size": b[10]}
    vehicles = [{"id": v[0], "capacity_kg": v[3], "refrigerated": v[4], "cost_per_km": v[5], "fixed_cost": v[6],
                 "speed_kmh": v[7]} for v in T.VEHICLE_TYPES]
    lanes = [{"origin_id": l[0], "destination_id": l[1], "distance_km": l[2], "hours": l[3], "cost_per_kg": l[4]}
             for l in T.LANES]
    for code in (c for b in bases.values() for c in b["products"]):
        assert code in products, code
    return {"products": products, "bases": bases, "buyers": buyers,
            "transport": rules.Transport(vehicles, lanes)}


def write_reference():
    write_csv(os.path.join(REF, "cities.csv"), ["id", "name_zh", "name_en", "lat", "lon"],
              [(c[0], c[1], c[2], f"{c[3]:.4f}", f"{c[4]:.4f}") for c in T.CITIES])
    write_csv(os.path.join(REF, "products.csv"),
              ["code", "name_zh", "name_en", "category", "shelf_life_days", "storage_class", "crate_kg"],
              [p[:7] for p in T.PRODUCTS])
    write_csv(os.path.join(REF, "bases.csv"),
              ["id", "name_zh", "name_en", "province", "county_zh", "county_en", "lat", "lon", "certifications",
               "poor_households", "poverty_county"],
              [(*b[:6], f"{b[6]:.4f}", f"{b[7]:.4f}", b[8], b[9], str(b[10]).lower()) for b in T.BASES])
    write_csv(os.path.join(REF, "buyers.csv"),
              ["id", "name_zh", "name_en", "type", "city_id", "lat", "lon", "required_certifications",
               "receive_from", "receive_to"],
              [(*b[:5], f"{b[5]:.4f}", f"{b[6]:.4f}", *b[7:10]) for b in T.BUYERS])
    write_csv(os.path.join(REF, "vehicle_types.csv"),
              ["id", "name_zh", "name_en", "capacity_kg", "refrigerated", "cost_per_km", "fixed_cost", "speed_kmh"],
              [(v[0], v[1], v[2], v[3], str(v[4]).lower(), money(v[5]), money(v[6]), v[7]) for v in T.VEHICLE_TYPES])
    write_csv(os.path.join(REF, "lanes.csv"), ["origin_id", "destination_id", "distance_km", "hours", "cost_per_kg"],
              [(l[0], l[1], f"{l[2]:.1f}", f"{l[3]:.1f}", "" if l[4] is None else money(l[4])) for l in T.LANES])


def harvest_days(rng, shelf):
    """Harvest days of one base and product: every 2 days for short shelf lives, every 3 or 4 days
    otherwise. Each lot ships from its harvest day until the next harvest (the last one for up to
    4 days), so a base's supply is continuous over the week."""
    cadence = 2 if shelf <= 7 else 3 if shelf <= 20 else 4
    day = HARVEST_FIRST + timedelta(days=rng.randrange(2))
    days = []
    while day <= SHIP_LAST - timedelta(days=1):
        days.append(day)
        day += timedelta(days=cadence)
    for i, h in enumerate(days):
        last = h + timedelta(days=cadence - 1) if i + 1 < len(days) else h + timedelta(days=3)
        yield h, min(last, SHIP_LAST)


def lot_grades(rng, base, code):
    if code == "P-YAM":
        return [weighted(rng, [("first", 60), ("second", 40)])]
    premium_share = 25 if base["certifications"] & {"green_food", "organic"} else 10
    if rng.random() < 0.05:
        return weighted(rng, [(["premium", "first"], premium_share), (["first", "second"], 100 - premium_share)])
    return [weighted(rng, [("premium", premium_share), ("first", 60), ("second", 40 - premium_share)])]


def make_lots(rng, ref):
    lots = []
    for base in ref["bases"].values():
        for code in base["products"]:
            p = ref["products"][code]
            lo, hi = p["price"]
            pair_price = min(hi, max(lo, (lo + hi) / 2 * rng.gauss(1, 0.10)))
            days = [(HARVEST_FIRST, HARVEST_FIRST + timedelta(days=2))] if code == "P-MANGO" \
                else list(harvest_days(rng, p["shelf_life_days"]))
            for h, last in days:
                total = p["lot_kg"] * base["size"] * math.exp(rng.gauss(0, 0.3))
                grades = lot_grades(rng, base, code)
                for i, grade in enumerate(grades):
                    share = 1.0 if len(grades) == 1 else (0.35 if i == 0 else 0.65)
                    lots.append(make_lot(rng, base, p, grade, h, last, total * share, pair_price))
    lots.sort(key=lambda l: (l["harvest_date"], l["base_id"], l["product_code"], -rules.GRADE_RANK[l["grade"]]))
    for i, lot in enumerate(lots, 1):
        lot["id"] = f"LOT-{i:04d}"
    return lots


def make_lot(rng, base, p, grade, harvest, last, kg, pair_price):
    qty = int(min(30000, max(500, round(kg, -2))))
    price = pair_price * rng.gauss(1, 0.04) * {"premium": 1.15, "first": 1.0, "second": 0.85}[grade]
    if base["certifications"] & {"gba_basket", "green_food", "organic"}:
        price *= 1.04
    firm = int(round(qty * rng.uniform(0.6, 0.9), -2)) if rng.random() < 0.4 else None
    min_order = 0
    if rng.random() < 0.25:
        options = [m for m in (500, 1000, 2000, 3000, 5000) if m <= qty // 2]
        min_order = rng.choice(options) if options else 0
    return {"base_id": base["id"], "product_code": p["code"], "grade": grade, "harvest_date": harvest,
            "available_from": harvest, "available_to": last, "quantity_kg": qty, "firm_kg": firm,
            "price_cny_per_kg": round_to(price, 0.05), "min_order_kg": min_order}


def growers(ref, code, certs=frozenset()):
    return [b for b in ref["bases"].values() if code in b["products"] and set(certs) <= b["certifications"]]


def typical_tariff_fen(ref, product, buyer):
    fens = sorted(ref["transport"].leg(b, buyer, product["storage_class"])["tariff_fen"]
                  for b in growers(ref, product["code"]))
    return fens[len(fens) // 2]


def min_freshness(rng, product, buyer_type):
    shelf = product["shelf_life_days"]
    if shelf <= 7:
        options = [40, 40, 45, 50] if buyer_type in ("wholesale_market", "canteen") else [40, 45, 50, 55]
    elif shelf <= 14:
        options = [50, 55, 60, 65, 70]
    else:
        options = [60, 65, 70, 75, 80]
    return rng.choice(options)


def make_line(rng, ref, product, buyer, market, cap_kg=20000):
    kind = buyer["type"]
    median = LINE_KG[kind] * (buyer["size"] / 5) ** 0.3 if kind == "wholesale_market" else LINE_KG[kind]
    kg = median * SMALL_VOLUME.get(product["code"], 1.0) * math.exp(rng.gauss(0, 0.5))
    qty = int(min(20000, cap_kg, max(200, round(kg, -2))))
    length = weighted(rng, [(1, 35), (2, 40), (3, 25)])
    earliest = WEEK_FIRST + timedelta(days=rng.randrange(7))
    latest = min(earliest + timedelta(days=length - 1), WEEK_LAST)
    mid = market[product["code"]]
    lo, hi = MARGIN[kind]
    ceiling = mid * (1 + rng.uniform(lo, hi)) + typical_tariff_fen(ref, product, buyer) / 100 * rng.uniform(1.0, 1.5)
    grade = weighted(rng, MIN_GRADE[kind])
    if product["code"] == "P-YAM" and grade == "premium":
        grade = "first"
    return {"buyer_id": buyer["id"], "product_code": product["code"], "min_grade": grade, "quantity_kg": qty,
            "earliest": earliest, "latest": latest, "max_landed_cny_per_kg": round_to(ceiling, 0.05),
            "min_freshness_pct": min_freshness(rng, product, kind),
            "partial_allowed": rng.random() >= ALL_OR_NOTHING[kind], "priority": rng.choice(PRIORITY[kind])}


def make_lines(rng, ref, lots):
    supply, prices = {}, {}
    for lot in lots:
        supply[lot["product_code"]] = supply.get(lot["product_code"], 0) + lot["quantity_kg"]
        prices.setdefault(lot["product_code"], []).append(lot["price_cny_per_kg"])
    market = {code: sorted(p)[len(p) // 2] for code, p in prices.items()}
    lots_by_product = {}
    for lot in lots:
        lots_by_product.setdefault(lot["product_code"], []).append(lot)
    lines = []
    for product in ref["products"].values():
        target = supply.get(product["code"], 0) * product["ratio"]
        choices = [(b, b["size"] * AFFINITY[b["type"]][product["category"]] * (8 if b["id"] in FOCUS else 1))
                   for b in ref["buyers"].values()
                   if growers(ref, product["code"], b["required_certifications"])
                   and product["category"] in FOCUS.get(b["id"], {product["category"]})]
        total = 0
        while total < target:
            cap = max(500, round(supply.get(product["code"], 0) * 0.2, -2))
            line = make_line(rng, ref, product, weighted(rng, choices), market, cap)
            # Buyers mostly ask for what the market can deliver: a line no lot can serve is redrawn
            # two times in three, so unserveable lines stay the exception they are in practice.
            if not has_candidate(line, lots_by_product, ref) and rng.random() < 0.67:
                continue
            lines.append(line)
            total += line["quantity_kg"]
    lines.extend(mango_lines(rng, ref, market))
    lines.sort(key=lambda l: (l["earliest"], l["buyer_id"], l["product_code"], l["latest"], l["quantity_kg"]))
    return lines


def has_candidate(line, lots_by_product, ref):
    return bool(rules.line_reason(line, lots_by_product, ref)[1])


def mango_lines(rng, ref, market):
    """The last late-season mango of the week goes to early-week lines only."""
    out = []
    for buyer_id in ("GZ-JIANGNAN", "SZ-HAIJIXING", "FS-CHAINDC"):
        line = make_line(rng, ref, ref["products"]["P-MANGO"], ref["buyers"][buyer_id], market)
        line["earliest"], line["latest"] = WEEK_FIRST, WEEK_FIRST + timedelta(days=1)
        line["min_freshness_pct"] = 50
        out.append(line)
    return out


# The designed unmet cases (MODEL.md "Candidate arcs"): each line is built so that its reason is
# the one named; check.py verifies them against the files.
def designed_lines(ref, lots):
    def line(buyer, code, grade, kg, first, last, ceiling, fresh, priority=3, partial=True):
        return {"buyer_id": buyer, "product_code": code, "min_grade": grade, "quantity_kg": kg,
                "earliest": date(2026, 12, first), "latest": date(2026, 12, last),
                "max_landed_cny_per_kg": ceiling, "min_freshness_pct": fresh, "partial_allowed": partial,
                "priority": priority}

    cases = [
        ("NoSupplyInWindow", line("MO-CHAIN", "P-MANGO", "second", 1500, 11, 13, 14.00, 50)),
        ("TooExpensive", line("GZ-HPCAN", "P-SHIITAKE", "second", 800, 9, 10, 0, 50, 2)),
        ("NotFreshEnough", line("HK-CSW-B", "P-SPINACH", "first", 2000, 9, 10, 6.50, 75, 2)),
        ("CertificationMissing", line("HK-YMT", "P-KIWI", "first", 3000, 8, 10, 13.00, 60)),
        ("GradeTooLow", line("SZ-LGDC", "P-YAM", "premium", 1000, 9, 11, 12.00, 60)),
        ("OutCompeted", line("HZ-MARKET", "P-SNOWPEA", "second", 3000, 10, 12, 0, 50, 5)),
    ]
    out = []
    by_product = {}
    for lot in lots:
        by_product.setdefault(lot["product_code"], []).append(lot)
    for reason, l in cases:
        if reason in ("OutCompeted", "TooExpensive"):
            landed = [rules.evaluate(lot, {**l, "max_landed_cny_per_kg": 99.0}, ref)[1].get("landed_fen")
                      for lot in by_product[l["product_code"]]]
            cheapest = min(x for x in landed if x) / 100
            # A canteen budget at least half a yuan under the cheapest landed offer; a low-priority
            # market line that could afford a few lots but values them less than the other lines do.
            ceiling = math.floor((cheapest - 0.5) * 10) / 10 if reason == "TooExpensive" else cheapest + 1.50
            l["max_landed_cny_per_kg"] = round_to(ceiling, 0.05)
        out.append((reason, l))
    return out


def lot_row(l):
    return (l["id"], l["base_id"], l["product_code"], l["grade"], l["harvest_date"].isoformat(),
            l["available_from"].isoformat(), l["available_to"].isoformat(), l["quantity_kg"],
            "" if l["firm_kg"] is None else l["firm_kg"], money(l["price_cny_per_kg"]),
            l["min_order_kg"] or "")


def line_row(l):
    return (l["id"], l["buyer_id"], l["product_code"], l["min_grade"], l["quantity_kg"], l["earliest"].isoformat(),
            l["latest"].isoformat(), money(l["max_landed_cny_per_kg"]), l["min_freshness_pct"],
            str(l["partial_allowed"]).lower(), l["priority"])


def main():
    rng = random.Random(SEED)
    ref = build_reference()
    write_reference()
    lots = make_lots(rng, ref)
    lines = make_lines(rng, ref, lots)
    designed = designed_lines(ref, lots)
    lines = [l for _, l in designed] + lines
    for i, line in enumerate(lines, 1):
        line["id"] = f"LN-{i:04d}"
    write_csv(os.path.join(DEMO, "lots.csv"),
              ["id", "base_id", "product_code", "grade", "harvest_date", "available_from", "available_to",
               "quantity_kg", "firm_kg", "price_cny_per_kg", "min_order_kg"], [lot_row(l) for l in lots])
    write_csv(os.path.join(DEMO, "lines.csv"),
              ["id", "buyer_id", "product_code", "min_grade", "quantity_kg", "earliest", "latest",
               "max_landed_cny_per_kg", "min_freshness_pct", "partial_allowed", "priority"],
              [line_row(l) for l in lines])
    with open(os.path.join(DEMO, "scenario.json"), "w", encoding="utf-8") as f:
        json.dump({"reference": "../reference"}, f, indent=2)
        f.write("\n")
    print(f"{len(lots)} lots, {len(lines)} lines")
    for reason, l in designed:
        print(f"designed {l['id']}: {reason} {l['buyer_id']} {l['product_code']}")


if __name__ == "__main__":
    main()
