"""Prints the public holidays of NL, BE, DE and the 16 German Länder for 1995-2100 as
computed by the Python `holidays` package: {"NL": [["YYYY-MM-DD", "name"], ...], ...}.
Used by tests/holidays_differential.rs."""
import json
import sys

import holidays

regions = [("NL", "NL", None), ("BE", "BE", None), ("DE", "DE", None)]
for land in ["BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"]:
    regions.append(("DE-" + land, "DE", land))

out = {"version": holidays.__version__}
for key, country, subdiv in regions:
    days = holidays.country_holidays(country, subdiv=subdiv, years=range(1995, 2101), language="en_US")
    out[key] = sorted([str(day), name] for day, name in days.items())
json.dump(out, sys.stdout)
