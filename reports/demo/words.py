"""Word lists and profile weights for the demo data (reports/demo/create.py).

Weights are rough and illustrative, not statistics: they give the demo the skew
of the region's SME population that the analytics and benchmarks should show
(many micro firms, trade and agrifood first, the larger economies most present).
"""

from __future__ import annotations

# Country code -> relative share of demo firms; "XX" is "other".
COUNTRIES = {"VN": 23, "TH": 22, "CN": 20, "KH": 10, "LA": 9, "MM": 9, "XX": 7}

SECTORS = {
    "trade": 22,
    "agrifood": 19,
    "manufacturing": 15,
    "tourism": 12,
    "services": 10,
    "logistics": 6,
    "ict": 5,
    "creative": 5,
    "construction": 4,
    "other": 2,
}

SIZE_BANDS = {"micro": 50, "small": 30, "medium": 14, "large": 6}

# The respondent's language by country; a quarter answer in English instead.
LANGUAGES = {"KH": "km", "CN": "zh-hans", "LA": "lo", "MM": "my", "TH": "th", "VN": "vi"}

# Most common first: picks favour the start of each list.
PROVINCES = {
    "VN": ["Ho Chi Minh City", "Hanoi", "Da Nang", "Hai Phong", "Can Tho", "Binh Duong", "Lao Cai"],
    "TH": [
        "Bangkok",
        "Chiang Mai",
        "Khon Kaen",
        "Chon Buri",
        "Songkhla",
        "Udon Thani",
        "Nong Khai",
    ],
    "CN": ["Yunnan", "Guangxi", "Guangdong", "Sichuan", "Guizhou", "Hainan", "Chongqing"],
    "KH": ["Phnom Penh", "Siem Reap", "Battambang", "Kampot", "Preah Sihanouk", "Kandal"],
    "LA": ["Vientiane Capital", "Luang Prabang", "Champasak", "Savannakhet", "Oudomxay"],
    "MM": ["Yangon", "Mandalay", "Shan", "Sagaing", "Bago", "Mon", "Ayeyarwady"],
    "XX": [""],
}

PLACES = {
    "VN": ["Saigon", "Hanoi", "Da Nang", "Hue", "Can Tho", "Song Hong", "Mekong Delta"],
    "TH": ["Siam", "Lanna", "Chiang Mai", "Isan", "Khon Kaen", "Andaman", "Chao Phraya"],
    "CN": ["Kunming", "Nanning", "Dali", "Lancang", "Guilin", "Pu'er", "Xishuangbanna"],
    "KH": ["Angkor", "Phnom Penh", "Tonle", "Kampot", "Battambang", "Khmer"],
    "LA": ["Vientiane", "Luang Prabang", "Champa", "Bolaven", "Lane Xang", "Savan"],
    "MM": ["Yangon", "Mandalay", "Shwe", "Inle", "Bagan", "Ayeyar"],
    "XX": ["Straits", "Malacca", "Borneo", "Luzon", "Bengal", "Indochina"],
}

ADJECTIVES = [
    "Golden",
    "Green",
    "Lotus",
    "River",
    "Jade",
    "Sunrise",
    "Star",
    "New Era",
    "Silk Road",
]

TRADES = {
    "agrifood": ["Coffee", "Rice", "Tea", "Fresh Fruit", "Cassava", "Cashew", "Seafood", "Spice"],
    "manufacturing": ["Garments", "Plastics", "Metalworks", "Furniture", "Packaging", "Rubber"],
    "trade": ["Trading", "Import-Export", "Wholesale", "Mart", "Supplies", "Distribution"],
    "tourism": ["Travel", "Homestay", "Tours", "Boutique Hotel", "Guesthouse", "Eco Lodge"],
    "logistics": ["Logistics", "Freight", "Transport", "Express", "Cargo", "Forwarding"],
    "ict": ["Software", "Digital", "Tech", "Data", "Web Studio", "Systems"],
    "services": ["Consulting", "Accounting", "Advisory", "Marketing", "Design", "Training"],
    "creative": ["Handicrafts", "Weaving", "Silk", "Pottery", "Lacquerware", "Silverwork"],
    "construction": ["Construction", "Builders", "Engineering", "Building Materials"],
    "other": ["Enterprise", "Services", "Works"],
}

SUFFIXES = {
    "micro": ["", "", "Shop", "Co.", "Sole Co., Ltd."],
    "small": ["Co., Ltd.", "Co.", "Enterprise", ""],
    "medium": ["Co., Ltd.", "Joint Stock Co.", "Group"],
    "large": ["Group", "Corporation", "Joint Stock Co.", "Holdings"],
}

# Optional free-text answers, by question code; other text questions take GENERIC.
TEXTS = {
    "pol-biggest-obstacle": [
        "Internet outside town is slow and expensive.",
        "Staff have no time to learn new software.",
        "The cost of computers and software licences.",
        "We do not know which tools suit a small business.",
        "Most customers still want to pay cash.",
        "IT staff are hard to find and to keep.",
        "Banks do not lend for digital projects.",
    ],
    "coo-help-wanted": [
        "Finding buyers in neighbouring countries.",
        "Help with e-customs and certificates of origin.",
        "Training on selling through online marketplaces.",
        "Meeting partners at regional trade fairs.",
        "Which certifications we need to export.",
        "Cheaper cross-border delivery for small parcels.",
    ],
}
GENERIC = ["More training for our staff.", "Advice on where to start.", "Affordable software."]
