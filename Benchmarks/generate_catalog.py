#!/usr/bin/env python3
"""Writes a synthetic catalog in skincat's CSV contract: deterministic (a seed), streaming (one row in memory).

    Benchmarks/generate_catalog.py N [--seed S] [--bad-rate R] > catalog.csv

Each product has a realistic INCI list of 15-35 ingredients drawn from the reference dictionary
(Sources/SkinDomain/Resources/ReferenceData.json): water first, then humectants and solvents, actives at their
usual places, emollients, thickeners, preservatives, pH adjusters; NMN in about 30 % of products at 300-10,000 ppm
(declared, printed in the list, or undisclosed), niacinamide in about 45 % at 0.5-10 %, every packaging and
delivery variant of the contract, and bad rows (an unknown unit, an impossible amount, a missing sku, a wrong
number of fields) at the given rate, so an import has something to quarantine.
"""

import argparse
import csv
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "..", "Sources", "SkinDomain", "Resources", "ReferenceData.json")

PACKAGING = [
    "airless pump", "opaque airless pump", "clear glass jar, screw top", "amber glass dropper",
    "single-use capsules", "opaque tube", "frosted glass jar", "clear plastic bottle with pump", "aluminium tube",
    "opaque pump bottle", "clear glass dropper bottle", "ampoules (single-use)", "",
]
DELIVERY = ["", "", "", "yeast-fermented filtrate", "liposomal", "liposome-encapsulated", "peptide carrier",
            "fermented"]
CATEGORIES = ["serum", "ampoule", "essence", "cream", "toner", "mask", "eye cream", "cleanser", "sunscreen"]
SIZES = ["30 mL", "50ml", "1.7 fl oz / 50 mL", "50 g", "15 mL", "20 x 2 mL", "100 mL", ""]
CURRENCIES = ["USD", "EUR", "GBP", "KRW"]
BRANDS = [f"{a} {b}" for a in ("Haneul", "Dalbit", "Mirae", "Kora", "Yeoul", "Bomi", "Sooyeon", "Nordlys", "Lumen",
                               "Verdant") for b in ("Skin", "Lab", "Botanics", "Derm", "Ferment", "& Co")]


def classes_index(reference):
    by_class = {}
    for ingredient in reference["ingredients"]:
        for name in ingredient["classes"]:
            by_class.setdefault(name, []).append(ingredient["inci"].title())
    return by_class


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--bad-rate", type=float, default=0.002)
    args = parser.parse_args()

    with open(REFERENCE, encoding="utf-8") as handle:
        by_class = classes_index(json.load(handle))
    pick = lambda rng, name, k: rng.sample(by_class[name], min(k, len(by_class[name])))
    rng = random.Random(args.seed)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["sku", "brand", "name", "category", "ingredients", "actives", "packaging", "delivery", "size",
                  "price", "currency", "url"])
    for index in range(args.count):
        sku = f"{index:07d}"
        head = ["Water"] + pick(rng, "humectant", rng.randint(2, 4)) + pick(rng, "solvent", 1)
        actives, middle = [], []
        nmn = rng.random() < 0.30
        niacinamide = rng.random() < 0.45
        if niacinamide:
            percent = rng.choice([0.5, 2, 2, 4, 5, 5, 10])
            mode = rng.random()
            if mode < 0.6:
                actives.append(f"Niacinamide {str(percent).replace('.', ',') if rng.random() < 0.2 else percent}%")
                middle.append("Niacinamide")
            elif mode < 0.8:
                middle.append(f"Niacinamide ({percent}%)")
            else:
                middle.append("Niacinamide")
        if nmn:
            ppm = rng.choice([300, 500, 1000, 1000, 2000, 3000, 4000, 5000, 10000])
            mode = rng.random()
            name = rng.choice(["Nicotinamide Mononucleotide", "Nicotinamide Mononucleotide", "NMN"])
            if mode < 0.6:
                actives.append(rng.choice([f"NMN {ppm:,} ppm", f"NMN {ppm} ppm", f"β-NMN {ppm}ppm",
                                           f"NMN {ppm / 10000:g}%"]))
                middle.append(name)
            elif mode < 0.75:
                middle.append(f"{name} ({ppm / 10000:g}%)")
            else:
                middle.append(name)
        middle += pick(rng, "peptide", rng.choice([0, 0, 1, 2])) + pick(rng, "centella", rng.choice([0, 0, 1]))
        middle += pick(rng, "plant-extract", rng.randint(1, 3)) + pick(rng, "soothing", rng.randint(0, 2))
        if rng.random() < 0.1:
            middle += pick(rng, "pdrn", 1)
        if rng.random() < 0.25:
            head.insert(1, rng.choice(by_class["ferment-filtrate"]))
        tail = (pick(rng, "emollient", rng.randint(2, 5)) + pick(rng, "emulsifier", rng.randint(1, 2))
                + pick(rng, "thickener", rng.randint(1, 3)) + pick(rng, "preservative", rng.randint(1, 2))
                + pick(rng, "ph-adjuster", 1) + pick(rng, "chelator", 1))
        if rng.random() < 0.3:
            tail += ["Fragrance"] + pick(rng, "fragrance-allergen", rng.randint(1, 3))
        listing = list(dict.fromkeys(head + middle + tail))
        while len(listing) < 15:
            listing += [name for name in pick(rng, "plant-extract", 3) if name not in listing]
        listing = listing[:35]
        ingredients = ", ".join(listing)
        actives_text = "; ".join(actives)
        brand = rng.choice(BRANDS)
        row = [sku, brand, f"{rng.choice(['Daily', 'Night', 'Glow', 'Barrier', 'Energy'])} "
               f"{'NMN ' if nmn else ''}{rng.choice(CATEGORIES).title()} {index}", rng.choice(CATEGORIES),
               ingredients, actives_text, rng.choice(PACKAGING), rng.choice(DELIVERY), rng.choice(SIZES),
               f"{rng.uniform(8, 90):.2f}", rng.choice(CURRENCIES), f"https://example.com/p/{sku}"]
        if rng.random() < args.bad_rate:
            kind = rng.randrange(4)
            if kind == 0:
                row[5] = "NMN 4000 furlongs"
            elif kind == 1:
                row[5] = "Niacinamide 200%"
            elif kind == 2:
                row[0] = ""
            else:
                row = row[:6]
        out.writerow(row)


if __name__ == "__main__":
    main()
