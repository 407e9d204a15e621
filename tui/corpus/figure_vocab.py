"""Word lists the figure extractor and the cross-source grouping read. Data only, no logic.

Kept as Python (not YAML) so the lists load with the module and ship without package-data rules."""

from __future__ import annotations

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
               "trillion": 1_000_000_000_000}
# Scale suffixes written straight after digits or after a space: 2bn, 1.5 million, 5k, $2m.
SCALE_SUFFIXES = {
    "k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000,
    "million": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000, "billion": 1_000_000_000,
    "tn": 1_000_000_000_000, "trn": 1_000_000_000_000, "t": 1_000_000_000_000,
    "trillion": 1_000_000_000_000, "hundred": 100,
}
# Suffixes that only mean a scale after a currency ("$2m" is money, "2m" alone is two metres).
CURRENCY_ONLY_SCALES = {"m", "b", "t"}

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000,
}
ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}

# Denominators of spoken fractions: "a third of", "two thirds", "one sixth", "three quarters".
FRACTION_WORDS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}
UNICODE_FRACTIONS = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125}

# Vague amounts: "thousands of", "several hundred", "dozens of". The value is the order of magnitude.
VAGUE_PLURALS = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
                 "billions": 1_000_000_000}

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

CURRENCY_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₩": "KRW", "₽": "RUB", "₹": "INR"}
CURRENCY_PREFIX_WORDS = {"us": "USD", "a": "AUD", "c": "CAD", "hk": "HKD", "nz": "NZD", "s": "SGD"}
CURRENCY_CODES = {"usd", "gbp", "eur", "jpy", "krw", "rub", "cny", "inr", "aud", "cad", "chf"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "euro": "EUR", "euros": "EUR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "yen": "JPY", "won": "KRW", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR",
    "franc": "CHF", "francs": "CHF", "cent": "USD-cent", "cents": "USD-cent", "pence": "GBP-pence",
    "penny": "GBP-pence", "dime": "USD-dime", "dimes": "USD-dime",
}

# Measurement units after a number: surface word -> (kind, canonical unit).
TIME_UNITS = {
    "second": "second", "seconds": "second", "sec": "second", "secs": "second", "s": "second",
    "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute",
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "h": "hour",
    "day": "day", "days": "day", "week": "week", "weeks": "week", "fortnight": "fortnight",
    "month": "month", "months": "month", "year": "year", "years": "year", "yr": "year", "yrs": "year",
    "decade": "decade", "decades": "decade", "century": "century", "centuries": "century",
}
# Durations in a common unit, so "three decades" and "30 years" compare equal.
TIME_IN_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7,
                "fortnight": 14, "month": 30.44, "year": 365.25, "decade": 3652.5, "century": 36525}
DISTANCE_UNITS = {
    "mile": "mile", "miles": "mile", "mi": "mile", "km": "kilometre", "kms": "kilometre",
    "kilometre": "kilometre", "kilometres": "kilometre", "kilometer": "kilometre",
    "kilometers": "kilometre", "metre": "metre", "metres": "metre", "meter": "metre",
    "meters": "metre", "m": "metre", "cm": "centimetre", "centimetre": "centimetre",
    "centimetres": "centimetre", "centimeter": "centimetre", "centimeters": "centimetre",
    "mm": "millimetre", "millimetre": "millimetre", "millimetres": "millimetre",
    "millimeter": "millimetre", "millimeters": "millimetre", "nanometre": "nanometre",
    "nanometres": "nanometre", "nanometer": "nanometre", "nanometers": "nanometre", "nm": "nanometre",
    "foot": "foot", "feet": "foot", "ft": "foot", "inch": "inch", "inches": "inch", "yard": "yard",
    "yards": "yard", "nautical": "nautical mile", "light-year": "light-year", "light-years": "light-year",
}
AREA_UNITS = {
    "km2": "square kilometre", "km²": "square kilometre", "m2": "square metre", "m²": "square metre",
    "hectare": "hectare", "hectares": "hectare", "ha": "hectare", "acre": "acre", "acres": "acre",
}
# "square miles", "sq km", "cubic metres": a prefix word turns a distance unit into an area or volume.
AREA_PREFIXES = {"square": "square", "sq": "square", "cubic": "cubic", "cu": "cubic"}
OTHER_UNITS = {
    "kg": "kilogram", "kgs": "kilogram", "kilogram": "kilogram", "kilograms": "kilogram",
    "kilo": "kilogram", "kilos": "kilogram", "g": "gram", "gram": "gram", "grams": "gram",
    "mg": "milligram", "milligram": "milligram", "milligrams": "milligram",
    "tonne": "tonne", "tonnes": "tonne", "ton": "ton", "tons": "ton", "t": "tonne",
    "lb": "pound-mass", "lbs": "pound-mass", "ounce": "ounce", "ounces": "ounce", "oz": "ounce",
    "litre": "litre", "litres": "litre", "liter": "litre", "liters": "litre", "l": "litre",
    "ml": "millilitre", "cl": "centilitre", "gallon": "gallon", "gallons": "gallon",
    "barrel": "barrel", "barrels": "barrel", "bpd": "barrel per day", "tpd": "ton per day",
    "cup": "cup", "cups": "cup", "tbsp": "tablespoon", "tsp": "teaspoon",
    "w": "watt", "watt": "watt", "watts": "watt", "kw": "kilowatt", "kilowatt": "kilowatt",
    "kilowatts": "kilowatt", "mw": "megawatt", "megawatt": "megawatt", "megawatts": "megawatt",
    "gw": "gigawatt", "gigawatt": "gigawatt", "gigawatts": "gigawatt", "wh": "watt hour",
    "kwh": "kilowatt hour", "mwh": "megawatt hour", "gwh": "gigawatt hour", "twh": "terawatt hour",
    "v": "volt", "volts": "volt", "ev": "electronvolt", "kev": "kiloelectronvolt",
    "mev": "megaelectronvolt", "gev": "gigaelectronvolt", "tev": "teraelectronvolt",
    "hz": "hertz", "khz": "kilohertz", "mhz": "megahertz", "ghz": "gigahertz",
    "kb": "kilobyte", "mb": "megabyte", "gb": "gigabyte", "tb": "terabyte", "bytes": "byte",
    "byte": "byte", "bits": "bit", "exabytes": "exabyte", "petabytes": "petabyte",
    "terabytes": "terabyte", "gigabytes": "gigabyte", "megabytes": "megabyte",
    "kph": "kilometre per hour", "mph": "mile per hour", "knots": "knot", "knot": "knot",
    "calories": "calorie", "calorie": "calorie", "joules": "joule", "joule": "joule", "j": "joule",
    "gy": "gray", "mgy": "milligray", "sigma": "sigma",
}
TEMPERATURE_UNITS = {"celsius": "degree Celsius", "fahrenheit": "degree Fahrenheit", "c": "degree Celsius",
                     "f": "degree Fahrenheit", "kelvin": "kelvin"}
PERCENT_WORDS = {"percent", "pct"}

# Words before a number that hedge or bound it. Longest first so "as many as" wins over "as".
QUALIFIERS = (
    "as many as", "as few as", "as much as", "as little as", "an estimated", "more than", "fewer than",
    "less than", "at least", "at most", "up to", "close to", "upwards of", "well over", "just over",
    "just under", "no more than", "no fewer than", "not more than", "in excess of", "nearly",
    "almost", "about", "around", "roughly", "approximately", "some", "over", "under", "only",
    "just", "exactly", "precisely", "estimated", "approx", "circa", "c", "below", "above",
)

# Function words that end the noun phrase a number counts ("5,000 workers to rebuild...").
NP_STOP = frozenset("""
a an the this that these those such to in into on onto at by for from with without of off out over under
about above after before since until till during through across against among between around near
per via than as and or nor but so yet if when whence where while whereas who whom whose which what why how
is are was were be been being am has have had having do does did will would shall should can could may might must
he she it they we you i him her them us me his its their our your my there here then now also already still just
only even not no never ever more most less least very too again each every all both either neither some any
said says say told tell according including include includes like unlike alone
""".split())
NP_MAX_WORDS = 5
# Leading determiners dropped from what is counted: "15,000 such labourers" counts labourers.
NP_SKIP_LEADING = frozenset({"such", "more", "other", "further", "extra", "new"})
# Words after "the" that make a number word an anaphor, not a figure: "the two men", "the two countries".
ANAPHORIC_DETERMINERS = frozenset({"the", "these", "those", "both"})

SPEECH_VERBS = frozenset("""
said says say told tells announced announces reported reports estimated estimates estimate claimed claims claim
stated states believe believes believed revealed reveals described describes added adds noted notes mentioned
remarked confirmed confirms assessed assesses warned warns insisted insists highlighted shared quoted quotes
disclosed discloses put puts wrote writes argued argues explained explains acknowledged admitted
""".split())
SPEECH_AUXILIARIES = frozenset({"has", "have", "had", "was", "were", "is", "are", "also", "previously",
                                "earlier", "later", "then", "reportedly", "had", "would"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
# Lowercase words allowed inside the name of who claims something ("South Korean intelligence officials").
SOURCE_WORDS = frozenset("""
intelligence agency agencies official officials ministry spy service services media government state news
lawmakers analysts observers sources experts national foreign top senior military defence defense security
council office president minister spokesman spokeswoman spokesperson leader chief secretary assessments
estimates estimate report reports data figures police army authorities authority statement department
of the a an its and us un
""".split())
# Titles before a name: "Russian Security Council Secretary Sergei Shoigu" is said by Sergei Shoigu.
TITLE_WORDS = frozenset("""
secretary president minister chairman chairwoman leader general director chief spokesman spokeswoman
head ambassador commander governor mayor senator premier chancellor king queen prince envoy adviser advisor
ceo cfo coo chairperson founder executive officer captain inspector superintendent
""".split())
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "prof", "st", "lt", "col", "maj", "capt"})

CASUALTY_WORDS = frozenset("""
died dead killed wounded injured casualties casualty deaths death lost captured perished fatalities missing
""".split())

# What is counted, as a concept: spelling and synonyms that report the same claim.
CONCEPTS = {
    "workers": ("worker", "labourer", "laborer", "builder", "labour", "labor", "workforce", "construction worker"),
    "troops": ("troop", "soldier", "serviceman", "servicemen", "personnel", "fighter", "force"),
    "sappers": ("sapper", "deminer", "combat engineer", "military engineer", "mine-clearer"),
    "visits": ("visit", "trip"),
    "people": ("people", "person", "individual"),
    "years": ("year", "decade"),
}
# Words that make a counted group military, for spotting sums (1,000 sappers + 5,000 builders = 6,000 troops).
MILITARY_WORDS = frozenset({"military", "army", "combat", "troop", "troops", "soldier", "soldiers", "sapper",
                            "sappers", "brigade", "brigades", "division", "deminer", "deminers"})
# Sentence stems too common to show that two sentences report the same thing.
SIMILARITY_STOP = NP_STOP | frozenset({"mr", "mrs", "ms"})
