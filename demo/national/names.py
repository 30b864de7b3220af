"""Vietnamese names and the words of a festival, drawn at random with a seeded generator.

Family names are weighted roughly as in the population (Nguyễn about one in three); middle and
given names depend on the person's sex. Everything is written with its diacritics.
"""

FAMILY_NAMES = [
    ("Nguyễn", 31),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 4),
    ("Phan", 4),
    ("Vũ", 4),
    ("Võ", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Trịnh", 1),
    ("Đào", 1),
    ("Mai", 1),
    ("Lương", 1),
    ("Tạ", 1),
    ("Hà", 1),
    ("Lò", 1),
    ("Cầm", 1),
]

MIDDLE_NAMES_MALE = ["Văn", "Văn", "Văn", "Đức", "Hữu", "Minh", "Quang", "Công", "Xuân", "Ngọc"]
MIDDLE_NAMES_FEMALE = ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Kim", "Bích"]

GIVEN_NAMES_MALE = [
    "An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy", "Khánh",
    "Khoa", "Kiên", "Lâm", "Long", "Mạnh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang",
    "Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Tiến", "Toàn", "Trung", "Tuấn", "Tùng", "Vinh",
    "Việt", "Vũ", "Dương", "Hưng", "Lộc", "Thái",
]  # fmt: skip
GIVEN_NAMES_FEMALE = [
    "Anh", "Châu", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng",
    "Huệ", "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh",
    "Phương", "Quyên", "Thảo", "Thơm", "Thủy", "Trang", "Tuyết", "Uyên", "Vân", "Xuân", "Yến",
]  # fmt: skip

# Positions of the people who come to a commune's festival, by who they are.
LEADER_POSITIONS = [
    "Phó Chủ tịch UBND {province}",
    "Phó Giám đốc Công an {province}",
    "Ủy viên Ban Thường vụ Tỉnh ủy",
    "Bí thư {district}",
    "Chủ tịch UBND {district}",
    "Trưởng Công an {district}",
    "Phó Trưởng Ban Dân vận Tỉnh ủy",
]
GUEST_POSITIONS = [
    "Đại diện Ủy ban MTTQ Việt Nam {province}",
    "Đại diện Hội Cựu chiến binh {province}",
    "Phóng viên Báo {province_short}",
    "Đại diện Phòng PV05 Công an {province}",
    "Đại diện Đoàn Thanh niên {district}",
]
DELEGATE_POSITIONS = [
    "Bí thư Đảng ủy {commune}",
    "Chủ tịch UBND {commune}",
    "Phó Chủ tịch UBND {commune}",
    "Trưởng Công an {commune}",
    "Chủ tịch Ủy ban MTTQ {commune}",
    "Chủ tịch Hội Cựu chiến binh {commune}",
    "Chủ tịch Hội Liên hiệp Phụ nữ {commune}",
    "Bí thư Đoàn Thanh niên {commune}",
    "Chủ tịch Hội Nông dân {commune}",
    "Bí thư Chi bộ {hamlet}",
    "Trưởng {hamlet}",
]
ORGANISER_POSITIONS = [
    "Công chức Văn hóa - Xã hội {commune}",
    "Phó Trưởng Công an {commune}",
    "Cán bộ Ban Chỉ đạo ANTT {commune}",
]
RESIDENT_POSITIONS = [
    "Đại diện Nhân dân {hamlet}",
    "Tổ trưởng tổ an ninh tự quản {hamlet}",
    "Người có uy tín {hamlet}",
    "Đại diện học sinh Trường THCS {commune_short}",
]

HAMLET_WORDS = ["Thôn", "Khu phố", "Tổ dân phố", "Xóm", "Bản", "Ấp"]

VENUES = [
    "Nhà văn hóa {hamlet}",
    "Sân vận động {commune}",
    "Hội trường UBND {commune}",
    "Sân Trường THCS {commune_short}",
    "Quảng trường trung tâm {commune}",
    "Nhà văn hóa trung tâm {commune}",
]

# Who gives flowers and gifts at a festival.
TRIBUTE_GIVERS = [
    "Tỉnh ủy {province_short}",
    "HĐND {province}",
    "UBND {province}",
    "Ủy ban MTTQ Việt Nam {province}",
    "Công an {province}",
    "Huyện ủy {district_short}",
    "UBND {district}",
    "Công an {district}",
    "Ngân hàng Nông nghiệp và Phát triển Nông thôn chi nhánh {district_short}",
]

COLLECTIVE_RECIPIENTS = [
    "Nhân dân và cán bộ {hamlet}",
    "Tổ an ninh tự quản {hamlet}",
    "Chi hội Cựu chiến binh {hamlet}",
    "Chi hội Phụ nữ {hamlet}",
    "Chi đoàn Thanh niên {hamlet}",
    "Công an {commune}",
    "Ban Bảo vệ dân phố {hamlet}",
    "Tổ hòa giải {hamlet}",
]

CITATIONS = [
    "Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}",
    "Đã có thành tích tiêu biểu trong phát hiện, tố giác tội phạm năm {year}",
    "Đã có thành tích trong xây dựng khu dân cư an toàn về an ninh trật tự năm {year}",
    "Đã có nhiều đóng góp trong giữ gìn an ninh trật tự ở cơ sở năm {year}",
]

PHOTO_CAPTIONS = [
    "Lễ chào cờ khai mạc Ngày hội",
    "Lãnh đạo {district_short} phát biểu tại Ngày hội",
    "Trao Giấy khen cho các tập thể, cá nhân tiêu biểu",
    "Trao lẵng hoa chúc mừng Nhân dân {commune}",
    "Tiết mục văn nghệ chào mừng Ngày hội",
    "Nhân dân ký cam kết giữ gìn an ninh trật tự",
    "Thi đấu kéo co trong phần hội",
    "Đại biểu tham quan mô hình an ninh trật tự",
]

DIRECTIONS = [
    "Tiếp tục nhân rộng các mô hình tự quản về an ninh trật tự ở khu dân cư",
    "Đẩy mạnh tuyên truyền phòng, chống lừa đảo qua mạng cho Nhân dân",
    "Duy trì hiệu quả hệ thống camera an ninh ở các tuyến đường chính",
    "Phát huy vai trò của người có uy tín trong hòa giải ở cơ sở",
    "Xây dựng lực lượng tham gia bảo vệ an ninh trật tự ở cơ sở vững mạnh",
    "Quản lý chặt chẽ người chấp hành xong án phạt tù trở về địa phương",
]

PROGRAMME = [
    # part, kind, time, title
    ("ceremony", "performance", "07:30", "Văn nghệ chào mừng"),
    ("ceremony", "flag_salute", "08:00", "Chào cờ"),
    ("ceremony", "delegates", "08:10", "Tuyên bố lý do, giới thiệu đại biểu"),
    ("ceremony", "report", "08:20", "Báo cáo kết quả phong trào toàn dân bảo vệ an ninh Tổ quốc"),
    ("ceremony", "discussion", "08:40", "Ý kiến tham luận của Nhân dân"),
    ("ceremony", "speech", "09:00", "Phát biểu chỉ đạo của lãnh đạo cấp trên"),
    ("ceremony", "awards", "09:20", "Trao khen thưởng các tập thể, cá nhân tiêu biểu"),
    ("ceremony", "pledge", "09:40", "Ký kết giao ước thi đua"),
    ("festivities", "sport", "10:00", "Thi đấu thể thao, trò chơi dân gian"),
    ("ceremony", "closing", "11:00", "Bế mạc"),
]

MODEL_NAMES = [
    ("camera-an-ninh", "Camera an ninh {hamlet}"),
    ("to-dan-pho-tu-quan", "Tổ an ninh tự quản {hamlet}"),
    ("cong-truong-an-toan", "Cổng trường an toàn giao thông Trường Tiểu học {commune_short}"),
    ("tai-hoa-nhap-cong-dong", "Cảm hóa, giúp đỡ người lầm lỗi tái hòa nhập cộng đồng"),
    ("phong-chong-ma-tuy", "Khu dân cư không có ma túy {hamlet}"),
    ("lien-gia-an-toan-pccc", "Tổ liên gia an toàn phòng cháy, chữa cháy {hamlet}"),
    ("to-dan-pho-tu-quan", "Zalo an ninh trật tự {hamlet}"),
    ("hoa-giai-co-so", "Tổ hòa giải điểm {hamlet}"),
    ("ton-giao-dong-ho", "Dòng họ tự quản về an ninh trật tự {hamlet}"),
    ("doanh-nghiep-an-toan", "Chợ an toàn về an ninh trật tự {commune_short}"),
]

MODEL_LEADS = [
    "Công an {commune}",
    "Hội Cựu chiến binh {commune}",
    "Đoàn Thanh niên {commune}",
    "Hội Liên hiệp Phụ nữ {commune}",
    "Ủy ban MTTQ {commune}",
]


class Names:
    """Draws names from a seeded `random.Random` (so that a run can be repeated exactly).

    Millions of names are drawn, so the lists are made once and indexed with one random number
    per draw (`random.choice` costs several times more)."""

    def __init__(self, rng):
        self.random = rng.random
        families = [name for name, weight in FAMILY_NAMES for _ in range(weight)]
        self._male = [
            f"{f} {m} {g}" for f in families for m in MIDDLE_NAMES_MALE for g in GIVEN_NAMES_MALE
        ]
        self._female = [
            f"{f} {m} {g}"
            for f in families
            for m in MIDDLE_NAMES_FEMALE
            for g in GIVEN_NAMES_FEMALE
        ]
        self._hamlets = [f"{word} {n}" for word in HAMLET_WORDS for n in range(1, 13)]

    def pick(self, items):
        """`random.choice(items)`, faster."""
        return items[int(self.random() * len(items))]

    def person(self):
        """A full name: family, middle and given name, as written on a decision."""
        roll = self.random()
        names = self._male if roll < 0.55 else self._female
        return names[int(self.random() * len(names))]

    def hamlet(self):
        return self._hamlets[int(self.random() * len(self._hamlets))]
