"""Chart labels in the four scripts whose shaping broke in the former SVG text charts."""

from __future__ import annotations

from reports.charts.bars import Bar
from reports.charts.pillars import RadarAxis

# language: (pillar names, "Your score", "Peer median", "Peers: middle half …")
LABELS = {
    "km": (
        (
            "ហេដ្ឋារចនាសម្ព័ន្ធឌីជីថល",
            "គោលនយោបាយ និងហិរញ្ញវត្ថុ",
            "ធនធានមនុស្សផ្នែកឌីជីថល",
            "កិច្ចសហប្រតិបត្តិការក្នុងតំបន់",
        ),
        "ពិន្ទុរបស់អ្នក",
        "មេដ្យាននៃក្រុមប្រៀបធៀប",
        "ក្រុមប្រៀបធៀប៖ ពាក់កណ្តាលកណ្តាល (ភាគរយទី 25 ដល់ 75)",
    ),
    "th": (
        ("โครงสร้างพื้นฐานดิจิทัล", "นโยบายและการเงิน", "บุคลากรดิจิทัล", "ความร่วมมือระดับภูมิภาค"),
        "คะแนนของคุณ",
        "ค่ามัธยฐานของกลุ่มเปรียบเทียบ",
        "กลุ่มเปรียบเทียบ: ช่วงกลางครึ่งหนึ่ง (เปอร์เซ็นไทล์ที่ 25 ถึง 75)",
    ),
    "lo": (
        ("ພື້ນຖານໂຄງລ່າງດິຈິຕອນ", "ນະໂຍບາຍ ແລະ ການເງິນ", "ບຸກຄະລາກອນດ້ານດິຈິຕອນ", "ການຮ່ວມມືໃນພາກພື້ນ"),
        "ຄະແນນຂອງທ່ານ",
        "ຄ່າມັດທະຍະຖານຂອງກຸ່ມປຽບທຽບ",
        "ກຸ່ມປຽບທຽບ: ເຄິ່ງກາງ (ເປີເຊັນໄທລທີ 25 ຫາ 75)",
    ),
    "my": (
        (
            "ဒစ်ဂျစ်တယ် အခြေခံအဆောက်အအုံ",
            "မူဝါဒနှင့် ငွေကြေး",
            "ဒစ်ဂျစ်တယ် ကျွမ်းကျင်သူများ",
            "ဒေသတွင်း ပူးပေါင်းဆောင်ရွက်မှု",
        ),
        "သင့်ရမှတ်",
        "နှိုင်းယှဉ်အုပ်စု၏ အလယ်ကိန်း",
        "နှိုင်းယှဉ်အုပ်စု- အလယ်တစ်ဝက် (25 မှ 75 ရာခိုင်နှုန်းစဉ်)",
    ),
}
SCORES = (72, 18, 45, None)
MEDIANS = (55, 40, 50, 35)


def radar_axes(language: str) -> list[RadarAxis]:
    names = LABELS[language][0]
    return [
        RadarAxis(name, score, peer_median=median)
        for name, score, median in zip(names, SCORES, MEDIANS, strict=True)
    ]


def bars(language: str) -> list[Bar]:
    names = LABELS[language][0]
    return [
        Bar(name, score, median - 10, median, median + 15)
        for name, score, median in zip(names, SCORES, MEDIANS, strict=True)
    ]
