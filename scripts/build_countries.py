#!/usr/bin/env python3
"""Build ``src/dyad/data/countries.tsv``: the country gazetteer used by dyad.

One row per ISO 3166-1 country (every entry in pycountry, plus Kosovo as
``XKX``), sorted by iso3, tab-separated, UTF-8, with a header row::

    iso3  name  aliases  adjectives  capitals  metonyms

Multi-valued columns are ``|``-separated; an empty cell means "none".

* ``name``       -- the common English short name a news wire would use
                    ("Turkey", "Russia", "Ivory Coast").
* ``aliases``    -- other natural-language names (official names, former or
                    alternative names, abbreviations such as "UK" or "DRC").
                    pycountry's inverted comma forms ("Korea, Republic of")
                    are never used.
* ``adjectives`` -- adjective and demonym forms, plurals included
                    ("Turkish|Turk|Turks").
* ``capitals``   -- capital city names (constitutional capital first, then
                    seats of government and spelling variants).
* ``metonyms``   -- places that stand for the government in news copy
                    ("Kremlin", "White House").

Sources
-------
* pycountry (LGPL-2.1): ISO 3166-1 codes, names, official and common names.
* countryinfo (MIT): alternative spellings, capitals and demonyms.
* The hand-written tables in this file (NAME_OVERRIDES, EXTRA_ALIASES,
  DROP_ALIASES, ADJECTIVES, CAPITAL_OVERRIDES, METONYMS, EXTRA_COUNTRIES):
  news-style names, extra aliases, demonyms with plurals, corrected capitals
  and metonyms.  Edit these tables to change the output; never edit
  countries.tsv by hand.

The two packages are *build-time only*: the generated TSV is committed and
the dyad runtime reads it with the standard library.

How to run
----------
::

    python3 -m venv /tmp/cvenv
    /tmp/cvenv/bin/pip install pycountry countryinfo
    /tmp/cvenv/bin/python scripts/build_countries.py            # writes the TSV
    /tmp/cvenv/bin/python scripts/build_countries.py --check    # compare only

Output is deterministic for given package versions (built with pycountry
26.2.16 and countryinfo 1.0.1).  The script refuses to write a table in
which one string (name, alias, adjective, capital or metonym; compared
case-insensitively) belongs to two different countries.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

import pycountry
from countryinfo import CountryInfo
from countryinfo.exceptions import CountryNotFoundError

OUT = Path(__file__).resolve().parent.parent / "src" / "dyad" / "data" / "countries.tsv"
COLUMNS = ("iso3", "name", "aliases", "adjectives", "capitals", "metonyms")

# ---------------------------------------------------------------------------
# Names: the form a news wire uses.  Anything not listed uses pycountry's
# common_name, else its name.
# ---------------------------------------------------------------------------
NAME_OVERRIDES = {
    "BHS": "Bahamas",
    "BOL": "Bolivia",
    "BRN": "Brunei",
    "CCK": "Cocos Islands",
    "CIV": "Ivory Coast",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "CPV": "Cape Verde",
    "CZE": "Czech Republic",
    "FLK": "Falkland Islands",
    "FSM": "Micronesia",
    "GMB": "Gambia",
    "IRN": "Iran",
    "KOR": "South Korea",
    "LAO": "Laos",
    "MAC": "Macau",
    "MAF": "Saint Martin",
    "MDA": "Moldova",
    "PCN": "Pitcairn Islands",
    "PRK": "North Korea",
    "PSE": "Palestine",
    "RUS": "Russia",
    "SXM": "Sint Maarten",
    "SYR": "Syria",
    "TLS": "East Timor",
    "TUR": "Turkey",
    "TWN": "Taiwan",
    "TZA": "Tanzania",
    "VAT": "Vatican City",
    "VEN": "Venezuela",
    "VGB": "British Virgin Islands",
    "VIR": "U.S. Virgin Islands",
    "VNM": "Vietnam",
}

# ---------------------------------------------------------------------------
# Extra aliases, listed first in the output.  Former names that are still in
# use, abbreviations, and variants the packages lack.
# ---------------------------------------------------------------------------
EXTRA_ALIASES = {
    "ARE": ["UAE", "U.A.E."],
    "ATG": ["Antigua"],
    "BES": ["Caribbean Netherlands"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina", "Bosnia-Hercegovina"],
    "CHN": ["People's Republic of China", "PRC", "P.R.C.", "Mainland China"],
    "CIV": ["Côte d'Ivoire", "Republic of Côte d'Ivoire"],
    "COD": [
        "DR Congo",
        "D.R. Congo",
        "DRC",
        "Democratic Republic of Congo",
        "Congo-Kinshasa",
        "Congo",
    ],
    "COG": ["Republic of Congo", "Congo Republic", "Congo-Brazzaville"],
    "CPV": ["Cabo Verde"],
    "CYP": ["Republic of Cyprus"],
    "CZE": ["Czechia"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Northern Ireland"],
    "GNB": ["Guinea Bissau"],
    "IRL": ["Republic of Ireland", "Éire"],
    "KGZ": ["Kyrgyz Republic"],
    "KNA": ["St Kitts and Nevis", "St. Kitts and Nevis", "Saint Christopher and Nevis"],
    "KOR": ["Republic of Korea", "ROK"],
    "LAO": ["Lao PDR"],
    "LCA": ["St Lucia", "St. Lucia"],
    "MAC": ["Macao"],
    "MKD": [
        "Macedonia",
        "Republic of North Macedonia",
        "Republic of Macedonia",
        "Former Yugoslav Republic of Macedonia",
        "FYROM",
    ],
    "MMR": ["Burma", "Republic of the Union of Myanmar"],
    "NLD": ["Holland"],
    "PRK": ["DPRK", "D.P.R.K.", "Democratic People's Republic of Korea"],
    "PSE": [
        "State of Palestine",
        "Palestinian Territories",
        "Occupied Palestinian Territories",
        "West Bank and Gaza",
    ],
    "RUS": ["Russian Federation"],
    "SAU": ["Kingdom of Saudi Arabia", "KSA"],
    "STP": ["São Tomé and Príncipe"],
    "SWZ": ["Swaziland", "Kingdom of Eswatini", "Kingdom of Swaziland"],
    "TLS": ["Timor-Leste", "Timor Leste"],
    "TTO": ["Trinidad"],
    "TUR": ["Türkiye", "Turkiye", "Republic of Türkiye", "Republic of Turkey"],
    "TWN": ["Republic of China", "Chinese Taipei", "Formosa"],
    "USA": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
    "VAT": ["Vatican", "Holy See", "Vatican City State"],
    "VCT": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"],
    "VNM": ["Viet Nam"],
}

# Aliases that the packages supply but that must not be used: ambiguous,
# ordinary words, or belonging to another row.
DROP_ALIASES = {
    "COG": {"Congo"},  # bare "Congo" is assigned to COD (see SOURCES.md)
    "GBR": {"Wales"},
    "GUF": {"Guiana"},  # also Guyana / the Guianas region
    "TWN": {"Taiwan, Province of China"},
}

# Aliases must be at least this long unless whitelisted.
MIN_ALIAS_LEN = 3
SHORT_ALIAS_OK = {"UK", "US"}

# Upper-case acronyms (countryinfo lists ISO codes such as "TUR" or "RSA" as
# alternative spellings): only these are kept.
ACRONYMS_OK = {"UK", "US", "USA", "UAE", "DRC", "DPRK", "PRC", "ROK", "KSA", "FYROM"}

# An alternative spelling from countryinfo is taken only if it is an English
# state-form name, i.e. contains one of these words ("Republic of Angola"):
# that keeps out native-language forms ("Shqipëria") and plain words
# ("Island" for Iceland, "Thai", "Mann").
ENGLISH_FORM_WORDS = {
    "Republic",
    "Kingdom",
    "State",
    "States",
    "Commonwealth",
    "Federation",
    "Federated",
    "Union",
    "Principality",
    "Sultanate",
    "Duchy",
    "Emirates",
    "Territory",
    "Islands",
    "Bailiwick",
    "Confederation",
    "Department",
}

# ...and only if it has none of these non-English function words (keeps out
# "Union des Comores", "Republica Moldova"-style native forms).
NON_ENGLISH_WORDS = {
    "de",
    "des",
    "del",
    "della",
    "di",
    "da",
    "do",
    "du",
    "la",
    "le",
    "les",
    "el",
    "y",
    "e",
    "und",
    "der",
    "van",
    "von",
    "ng",
    "ya",
    "wa",
    "na",
    "ta",
}

# ---------------------------------------------------------------------------
# Adjectives / demonyms, with plurals.  Replaces countryinfo's single
# demonym.  An adjective shared by two countries goes to the more populous
# one only (see SOURCES.md): Congolese -> COD, Dominican -> DOM.
# ---------------------------------------------------------------------------
ADJECTIVES = {
    # --- sovereign states -------------------------------------------------
    "AFG": "Afghan|Afghans",
    "AGO": "Angolan|Angolans",
    "ALB": "Albanian|Albanians",
    "AND": "Andorran|Andorrans",
    "ARE": "Emirati|Emiratis",
    "ARG": "Argentine|Argentines|Argentinian|Argentinians|Argentinean",
    "ARM": "Armenian|Armenians",
    "ATG": "Antiguan|Antiguans|Barbudan|Barbudans",
    "AUS": "Australian|Australians",
    "AUT": "Austrian|Austrians",
    "AZE": "Azerbaijani|Azerbaijanis|Azeri|Azeris",
    "BDI": "Burundian|Burundians",
    "BEL": "Belgian|Belgians",
    "BEN": "Beninese|Beninois",
    "BFA": "Burkinabe|Burkinabè|Burkinabes",
    "BGD": "Bangladeshi|Bangladeshis",
    "BGR": "Bulgarian|Bulgarians",
    "BHR": "Bahraini|Bahrainis",
    "BHS": "Bahamian|Bahamians",
    "BIH": "Bosnian|Bosnians|Herzegovinian|Herzegovinians",
    "BLR": "Belarusian|Belarusians|Belarussian",
    "BLZ": "Belizean|Belizeans",
    "BOL": "Bolivian|Bolivians",
    "BRA": "Brazilian|Brazilians",
    "BRB": "Barbadian|Barbadians|Bajan|Bajans",
    "BRN": "Bruneian|Bruneians",
    "BTN": "Bhutanese",
    "BWA": "Botswanan|Motswana|Batswana",
    "CAF": "Central African|Central Africans",
    "CAN": "Canadian|Canadians",
    "CHE": "Swiss",
    "CHL": "Chilean|Chileans",
    "CHN": "Chinese",
    "CIV": "Ivorian|Ivorians",
    "CMR": "Cameroonian|Cameroonians",
    "COD": "Congolese",
    "COG": "",
    "COL": "Colombian|Colombians",
    "COM": "Comoran|Comorans|Comorian|Comorians",
    "CPV": "Cape Verdean|Cape Verdeans|Cabo Verdean|Cabo Verdeans",
    "CRI": "Costa Rican|Costa Ricans",
    "CUB": "Cuban|Cubans",
    "CYP": "Cypriot|Cypriots|Greek Cypriot|Greek Cypriots",
    "CZE": "Czech|Czechs",
    "DEU": "German|Germans",
    "DJI": "Djiboutian|Djiboutians",
    "DMA": "",
    "DNK": "Danish|Dane|Danes",
    "DOM": "Dominican|Dominicans",
    "DZA": "Algerian|Algerians",
    "ECU": "Ecuadorian|Ecuadorians|Ecuadorean|Ecuadoreans",
    "EGY": "Egyptian|Egyptians",
    "ERI": "Eritrean|Eritreans",
    "ESP": "Spanish|Spaniard|Spaniards",
    "EST": "Estonian|Estonians",
    "ETH": "Ethiopian|Ethiopians",
    "FIN": "Finnish|Finn|Finns",
    "FJI": "Fijian|Fijians",
    "FRA": "French|Frenchman|Frenchmen",
    "FSM": "Micronesian|Micronesians",
    "GAB": "Gabonese",
    "GBR": "British|Briton|Britons|UK|Scottish|Welsh|Scots",
    "GEO": "Georgian|Georgians",
    "GHA": "Ghanaian|Ghanaians",
    "GIN": "Guinean|Guineans",
    "GMB": "Gambian|Gambians",
    "GNB": "Bissau-Guinean|Bissau-Guineans|Guinea-Bissauan",
    "GNQ": "Equatorial Guinean|Equatorial Guineans|Equatoguinean|Equatoguineans",
    "GRC": "Greek|Greeks|Hellenic",
    "GRD": "Grenadian|Grenadians",
    "GTM": "Guatemalan|Guatemalans",
    "GUY": "Guyanese",
    "HND": "Honduran|Hondurans",
    "HRV": "Croatian|Croatians|Croat|Croats",
    "HTI": "Haitian|Haitians",
    "HUN": "Hungarian|Hungarians",
    "IDN": "Indonesian|Indonesians",
    "IND": "Indian|Indians",
    "IRL": "Irish",
    "IRN": "Iranian|Iranians",
    "IRQ": "Iraqi|Iraqis",
    "ISL": "Icelandic|Icelander|Icelanders",
    "ISR": "Israeli|Israelis",
    "ITA": "Italian|Italians",
    "JAM": "Jamaican|Jamaicans",
    "JOR": "Jordanian|Jordanians",
    "JPN": "Japanese",
    "KAZ": "Kazakh|Kazakhs|Kazakhstani|Kazakhstanis",
    "KEN": "Kenyan|Kenyans",
    "KGZ": "Kyrgyz|Kyrgyzstani|Kyrgyzstanis|Kirghiz",
    "KHM": "Cambodian|Cambodians",
    "KIR": "I-Kiribati",
    "KNA": "Kittitian|Kittitians|Nevisian|Nevisians",
    "KOR": "South Korean|South Koreans",
    "KWT": "Kuwaiti|Kuwaitis",
    "LAO": "Lao|Laotian|Laotians",
    "LBN": "Lebanese",
    "LBR": "Liberian|Liberians",
    "LBY": "Libyan|Libyans",
    "LCA": "Saint Lucian|Saint Lucians|St. Lucian|St. Lucians",
    "LIE": "Liechtensteiner|Liechtensteiners",
    "LKA": "Sri Lankan|Sri Lankans",
    "LSO": "Basotho|Mosotho",
    "LTU": "Lithuanian|Lithuanians",
    "LUX": "Luxembourgish|Luxembourger|Luxembourgers",
    "LVA": "Latvian|Latvians",
    "MAR": "Moroccan|Moroccans",
    "MCO": "Monegasque|Monégasque|Monegasques",
    "MDA": "Moldovan|Moldovans",
    "MDG": "Malagasy|Madagascan|Madagascans",
    "MDV": "Maldivian|Maldivians",
    "MEX": "Mexican|Mexicans",
    "MHL": "Marshallese",
    "MKD": "North Macedonian|North Macedonians|Macedonian|Macedonians",
    "MLI": "Malian|Malians",
    "MLT": "Maltese",
    "MMR": "Burmese|Myanmarese",
    "MNE": "Montenegrin|Montenegrins",
    "MNG": "Mongolian|Mongolians",
    "MOZ": "Mozambican|Mozambicans",
    "MRT": "Mauritanian|Mauritanians",
    "MUS": "Mauritian|Mauritians",
    "MWI": "Malawian|Malawians",
    "MYS": "Malaysian|Malaysians",
    "NAM": "Namibian|Namibians",
    "NER": "Nigerien|Nigeriens",
    "NGA": "Nigerian|Nigerians",
    "NIC": "Nicaraguan|Nicaraguans",
    "NLD": "Dutch|Dutchman|Dutchmen",
    "NOR": "Norwegian|Norwegians",
    "NPL": "Nepali|Nepalis|Nepalese",
    "NRU": "Nauruan|Nauruans",
    "NZL": "New Zealand|New Zealander|New Zealanders",
    "OMN": "Omani|Omanis",
    "PAK": "Pakistani|Pakistanis",
    "PAN": "Panamanian|Panamanians",
    "PER": "Peruvian|Peruvians",
    "PHL": "Philippine|Filipino|Filipinos|Filipina|Filipinas",
    "PLW": "Palauan|Palauans",
    "PNG": "Papua New Guinean|Papua New Guineans",
    "POL": "Polish|Poles",
    "PRK": "North Korean|North Koreans",
    "PRT": "Portuguese",
    "PRY": "Paraguayan|Paraguayans",
    "PSE": "Palestinian|Palestinians",
    "QAT": "Qatari|Qataris",
    "ROU": "Romanian|Romanians",
    "RUS": "Russian|Russians",
    "RWA": "Rwandan|Rwandans",
    "SAU": "Saudi|Saudis|Saudi Arabian|Saudi Arabians",
    "SDN": "Sudanese",
    "SEN": "Senegalese",
    "SGP": "Singaporean|Singaporeans",
    "SLB": "Solomon Islander|Solomon Islanders",
    "SLE": "Sierra Leonean|Sierra Leoneans",
    "SLV": "Salvadoran|Salvadorans|Salvadorean|Salvadoreans",
    "SMR": "Sammarinese",
    "SOM": "Somali|Somalis|Somalian|Somalians",
    "SRB": "Serbian|Serbians|Serb|Serbs",
    "SSD": "South Sudanese",
    "STP": "Santomean|Santomeans|São Toméan|Sao Tomean",
    "SUR": "Surinamese|Surinamer|Surinamers",
    "SVK": "Slovak|Slovaks|Slovakian|Slovakians",
    "SVN": "Slovenian|Slovenians|Slovene|Slovenes",
    "SWE": "Swedish|Swede|Swedes",
    "SWZ": "Swazi|Swazis|Emaswati",
    "SYC": "Seychellois",
    "SYR": "Syrian|Syrians",
    "TCD": "Chadian|Chadians",
    "TGO": "Togolese",
    "THA": "Thai|Thais",
    "TJK": "Tajik|Tajiks|Tajikistani|Tajikistanis",
    "TKM": "Turkmen|Turkmens|Turkmenistani",
    "TLS": "Timorese|East Timorese",
    "TON": "Tongan|Tongans",
    "TTO": "Trinidadian|Trinidadians|Tobagonian|Tobagonians|Trinbagonian",
    "TUN": "Tunisian|Tunisians",
    "TUR": "Turkish|Turk|Turks",
    "TUV": "Tuvaluan|Tuvaluans",
    "TWN": "Taiwanese",
    "TZA": "Tanzanian|Tanzanians",
    "UGA": "Ugandan|Ugandans",
    "UKR": "Ukrainian|Ukrainians",
    "URY": "Uruguayan|Uruguayans",
    "USA": "American|Americans|U.S.|US",
    "UZB": "Uzbek|Uzbeks|Uzbekistani|Uzbekistanis",
    "VAT": "Vatican",
    "VCT": "Vincentian|Vincentians|Saint Vincentian",
    "VEN": "Venezuelan|Venezuelans",
    "VNM": "Vietnamese",
    "VUT": "Ni-Vanuatu|Vanuatuan",
    "WSM": "Samoan|Samoans",
    "YEM": "Yemeni|Yemenis",
    "ZAF": "South African|South Africans",
    "ZMB": "Zambian|Zambians",
    "ZWE": "Zimbabwean|Zimbabweans",
    # --- territories and other entries ----------------------------------
    # countryinfo gives the metropolitan demonym for many of these
    # ("French", "American", "Norwegian", "Indian", "Chinese"); those
    # belong to the sovereign state only.
    "ASM": "American Samoan|American Samoans",
    "ATF": "",
    "CUW": "Curaçaoan|Curacaoan",
    "CXR": "",
    "ESH": "Sahrawi|Sahrawis|Saharawi|Saharawis",
    "GGY": "",
    "GIB": "Gibraltarian|Gibraltarians",
    "GLP": "Guadeloupean|Guadeloupeans",
    "GRL": "Greenlandic|Greenlander|Greenlanders",
    "GUF": "French Guianese",
    "HKG": "Hong Konger|Hong Kongers|Hongkonger|Hongkongers",
    "HMD": "",
    "IOT": "",
    "JEY": "",
    "MAC": "Macanese",
    "MNP": "",
    "MTQ": "Martinican|Martinicans",
    "MYT": "Mahoran|Mahorans",
    "PRI": "Puerto Rican|Puerto Ricans",
    "REU": "Réunionese|Reunionese",
    "SGS": "",
    "SJM": "",
    "SPM": "",
    "XKX": "Kosovar|Kosovars|Kosovan|Kosovans",
}

# ---------------------------------------------------------------------------
# Capitals.  Replaces countryinfo where it is wrong, dated or incomplete.
# Constitutional capital first, then seat of government / other capitals,
# then spelling variants.  ASCII-folded variants are added automatically.
# ---------------------------------------------------------------------------
CAPITAL_OVERRIDES = {
    # Territories whose capital is also a common phrase, person name or a
    # better-known place elsewhere: left empty, because dyad matches capitals
    # as country mentions ("the valley", "Douglas said", Plymouth in England).
    "AIA": "",  # The Valley
    "BMU": "",  # Hamilton
    "FLK": "",  # Stanley
    "IMN": "",  # Douglas
    "REU": "",  # Saint-Denis (also the Paris suburb)
    "SHN": "",  # Jamestown
    "ATG": "Saint John's|St. John's|St John's",
    "BDI": "Gitega|Bujumbura",
    "BEN": "Porto-Novo|Cotonou",
    "BES": "Kralendijk",  # countryinfo: "Kralendijk / Oranjestad / The Bottom"
    "BOL": "La Paz|Sucre",
    "CIV": "Yamoussoukro|Abidjan",
    "ESH": "Laayoune|El Aaiún",
    "GGY": "St. Peter Port|Saint Peter Port",
    "GRD": "St. George's|Saint George's",
    "HKG": "",  # a city itself (countryinfo: "City of Victoria")
    "IND": "New Delhi",
    "ISR": "Jerusalem",
    "KAZ": "Astana|Nur-Sultan",  # renamed back to Astana in 2022
    "KIR": "South Tarawa|Tarawa",
    "KNA": "Basseterre",
    "LKA": "Sri Jayawardenepura Kotte|Colombo",
    "MAC": "",
    "MMR": "Naypyidaw|Naypyitaw|Nay Pyi Taw",
    "MSR": "Brades",  # Plymouth (abandoned; also the English city)
    "MYS": "Kuala Lumpur|Putrajaya",
    "NFK": "",  # "Kingston" belongs to Jamaica
    "NGA": "Abuja",
    "NLD": "Amsterdam",  # The Hague left out: see SOURCES.md
    "PSE": "Ramallah|East Jerusalem",
    "PYF": "Papeete",
    "SMR": "San Marino|City of San Marino",
    "SWZ": "Mbabane|Lobamba",
    "TUR": "Ankara",
    "TWN": "Taipei",
    "TZA": "Dodoma|Dar es Salaam",
    "UKR": "Kyiv|Kiev",
    "USA": "Washington|Washington, D.C.",
    "VAT": "Vatican City",
    "XKX": "Pristina|Prishtina",
    "YEM": "Sanaa|Sana'a",
    "ZAF": "Pretoria|Cape Town|Bloemfontein",
    "MNG": "Ulaanbaatar|Ulan Bator",
    "TCD": "N'Djamena|Ndjamena",
}

# ASCII-folded forms that are ordinary English words and must not be added.
NO_FOLD = {"Male"}

# ---------------------------------------------------------------------------
# Metonyms: places that stand for a government in news copy.  Legislatures
# (Knesset, Bundestag) and capitals are not metonyms here.
# ---------------------------------------------------------------------------
METONYMS = {
    "ARG": "Casa Rosada",
    "AUT": "Ballhausplatz",
    "BRA": "Planalto|Itamaraty",
    "CHL": "La Moneda",
    "CHN": "Zhongnanhai",
    "COL": "Casa de Nariño",
    "DEU": "Chancellery|Kanzleramt",
    "ESP": "Moncloa",
    "FRA": "Elysee|Élysée|Élysée Palace|Quai d'Orsay|Matignon",
    "GBR": "Downing Street|Whitehall",
    "GRC": "Maximos Mansion",
    "IDN": "Merdeka Palace",
    "IND": "South Block|North Block|Raisina Hill",
    "ITA": "Palazzo Chigi|Farnesina|Quirinale",
    "JPN": "Kantei|Kasumigaseki",
    "KOR": "Blue House|Cheong Wa Dae",
    "LBN": "Baabda|Grand Serail",
    "NGA": "Aso Rock",
    "PHL": "Malacañang",
    "PSE": "Palestinian Authority",
    "RUS": "Kremlin",
    "SWE": "Rosenbad",
    "UKR": "Bankova",
    "USA": "White House|Pentagon|State Department|Capitol Hill|Foggy Bottom|Oval Office",
    "VEN": "Miraflores Palace",
    "ZAF": "Union Buildings",
}

# ---------------------------------------------------------------------------
# Rows that are not in pycountry.
# ---------------------------------------------------------------------------
EXTRA_COUNTRIES = {
    # Kosovo has no ISO 3166-1 code; XKX is the user-assigned code used by the
    # European Commission, IMF and others.  (The Phoenix dictionaries use KSV.)
    "XKX": {"name": "Kosovo", "aliases": ["Republic of Kosovo", "Kosova"]},
}


# ---------------------------------------------------------------------------
def fold(s: str) -> str:
    """ASCII-fold accented Latin letters: 'Türkiye' -> 'Turkiye'."""
    s = s.replace("ø", "o").replace("Ø", "O").replace("æ", "ae").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def with_folds(items):
    out = []
    for it in items:
        out.append(it)
        f = fold(it)
        if f != it and f not in NO_FOLD:
            out.append(f)
    return out


def is_latin(s: str) -> bool:
    return all("LATIN" in unicodedata.name(c, "") for c in s if c.isalpha())


def dedupe(items, exclude=()):
    seen = {e.casefold() for e in exclude}
    out = []
    for it in items:
        it = it.strip()
        if not it or it.casefold() in seen:
            continue
        seen.add(it.casefold())
        out.append(it)
    return out


def clean_alias(a: str) -> str | None:
    a = " ".join(a.split())
    if a.lower().startswith("the "):
        a = a[4:]
    if not a or "," in a or "(" in a or ")" in a:  # inverted / annotated ISO forms
        return None
    if not is_latin(a):
        return None
    if len(a) < MIN_ALIAS_LEN and a not in SHORT_ALIAS_OK:
        return None
    if re.fullmatch(r"[A-Z.]+", a) and a.replace(".", "") not in ACRONYMS_OK:
        return None
    return a


def english_form(a: str) -> bool:
    words = set(re.findall(r"[^\W\d_]+", a))
    return bool(words & ENGLISH_FORM_WORDS) and not ({w.lower() for w in words} & NON_ENGLISH_WORDS)


def countryinfo_record(alpha3: str) -> dict:
    try:
        return CountryInfo(alpha3).info()
    except CountryNotFoundError:
        return {}


def split_bar(s: str):
    return [x for x in s.split("|") if x]


def build_row(iso3: str, pc=None) -> dict:
    ci = countryinfo_record(iso3) if pc is not None else {}
    extra = EXTRA_COUNTRIES.get(iso3, {})

    # name
    if iso3 in NAME_OVERRIDES:
        name = NAME_OVERRIDES[iso3]
    elif pc is not None:
        name = getattr(pc, "common_name", None) or pc.name
    else:
        name = extra["name"]

    # aliases: hand-written first, then pycountry, then countryinfo
    cands = list(EXTRA_ALIASES.get(iso3, [])) + list(extra.get("aliases", []))
    if pc is not None:
        cands += [pc.name, getattr(pc, "official_name", ""), getattr(pc, "common_name", "")]
        if ci.get("name"):
            cands.append(ci["name"])
        cands += [a for a in ci.get("altSpellings", []) if english_form(a)]
    # "Saint X" -> "St. X" / "St X"
    for a in [name, *cands]:
        if a and a.startswith("Saint "):
            cands += ["St. " + a[6:], "St " + a[6:]]
    drop = {d.casefold() for d in DROP_ALIASES.get(iso3, set())}
    aliases = []
    for a in with_folds(a for a in cands if a):
        a = clean_alias(a)
        if a and a.casefold() not in drop:
            aliases.append(a)
    aliases = dedupe(aliases, exclude=[name])

    # adjectives
    if iso3 in ADJECTIVES:
        adjectives = split_bar(ADJECTIVES[iso3])
    else:
        adjectives = [d.strip() for d in (ci.get("demonym") or "").split(",") if d.strip()]
    adjectives = dedupe(with_folds(adjectives))

    # capitals
    if iso3 in CAPITAL_OVERRIDES:
        capitals = split_bar(CAPITAL_OVERRIDES[iso3])
    else:
        cap = ci.get("capital") or ""
        capitals = cap if isinstance(cap, list) else [cap]
    capitals = dedupe(with_folds(c for c in capitals if c))

    metonyms = dedupe(with_folds(split_bar(METONYMS.get(iso3, ""))))

    return {
        "iso3": iso3,
        "name": name,
        "aliases": aliases,
        "adjectives": adjectives,
        "capitals": capitals,
        "metonyms": metonyms,
    }


def build_rows():
    rows = [build_row(c.alpha_3, c) for c in pycountry.countries]
    rows += [build_row(iso3) for iso3 in EXTRA_COUNTRIES]
    rows.sort(key=lambda r: r["iso3"])
    return rows


def check(rows) -> list[str]:
    problems = []
    isos = [r["iso3"] for r in rows]
    if len(set(isos)) != len(isos):
        problems.append("duplicate iso3 codes")
    owner: dict[str, set] = {}
    for r in rows:
        if not re.fullmatch(r"[A-Z]{3}", r["iso3"]):
            problems.append(f"bad iso3 {r['iso3']!r}")
        for col in COLUMNS[1:]:
            vals = [r[col]] if col == "name" else r[col]
            for v in vals:
                if "\t" in v or "|" in v or "\n" in v:
                    problems.append(f"{r['iso3']} {col}: separator in {v!r}")
                owner.setdefault(v.casefold(), set()).add(r["iso3"])
    for s, owners in sorted(owner.items()):
        if len(owners) > 1:
            problems.append(f"string {s!r} used by {sorted(owners)}")
    return problems


def render(rows) -> str:
    lines = ["\t".join(COLUMNS)]
    for r in rows:
        lines.append("\t".join([r["iso3"], r["name"]] + ["|".join(r[c]) for c in COLUMNS[2:]]))
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if the file on disk differs"
    )
    args = ap.parse_args(argv)

    rows = build_rows()
    problems = check(rows)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    text = render(rows)
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'OUT OF DATE'}", file=sys.stderr)
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8", newline="\n")
    print(
        f"wrote {len(rows)} rows to {args.out} "
        f"(pycountry {getattr(pycountry, '__version__', '?')})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
