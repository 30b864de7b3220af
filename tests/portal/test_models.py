"""The public directory (/models/), a model's public page (portal/views/models.py) and the
models include of the public festival page."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from events.models import Festival
from events.showcase import festival_models_set
from movements.enums import ModelStatus
from movements.selectors import showcased_models_prefetch
from tests.conftest import in_vietnamese
from tests.factories.events import make_festival
from tests.factories.movements import MovementModelFactory, category


@pytest.fixture
def directory(area):
    """Models of three communes in two provinces, of several categories and statuses."""
    return {
        "camera": MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT"),
        "gate": MovementModelFactory(
            unit=area.dong_son_ward,
            name="Cổng trường an toàn giao thông",
            category=category("cong-truong-an-toan"),
            lead_organisation="Đoàn Thanh niên phường Đông Sơn",
        ),
        "group": MovementModelFactory(
            unit=area.hac_thanh_ward,
            name="Tổ dân phố tự quản về ANTT",
            category=category("to-dan-pho-tu-quan"),
        ),
        "ended": MovementModelFactory(
            unit=area.hac_thanh_ward,
            name="Tổ hòa giải lưu động",
            category=category("hoa-giai-co-so"),
            status=ModelStatus.ENDED,
        ),
        "paused": MovementModelFactory(
            unit=area.dong_son_ward, name="Camera khu phố 9", status=ModelStatus.PAUSED
        ),
        "nghe_an": MovementModelFactory(unit=area.other_commune, name="Camera ANTT Vinh Phú"),
    }


def names(client, **params):
    response = client.get(reverse("models:model.list"), params)
    assert response.status_code == 200
    return [m.name for m in response.context["page"].object_list]


def test_directory_lists_active_models_by_default(client, directory):
    assert names(client) == [
        "Camera ANTT Vinh Phú",
        "Camera ANTT",
        "Cổng trường an toàn giao thông",
        "Tổ dân phố tự quản về ANTT",
    ]


def test_directory_shows_ended_or_all_models_on_request(client, directory):
    assert names(client, status="ended") == ["Tổ hòa giải lưu động"]
    assert names(client, status="paused") == ["Camera khu phố 9"]
    assert len(names(client, status="all")) == 6
    # An unknown status is ignored: back to the active models.
    assert len(names(client, status="bogus")) == 4


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("camera antt", ["Camera ANTT Vinh Phú", "Camera ANTT"]),
        ("CAMERA ANTT dong son", ["Camera ANTT"]),
        ("cong truong", ["Cổng trường an toàn giao thông"]),
        ("Cổng Trường", ["Cổng trường an toàn giao thông"]),
        ("doan thanh nien", ["Cổng trường an toàn giao thông"]),
        ("hac thanh", ["Tổ dân phố tự quản về ANTT"]),
    ],
)
def test_directory_search_ignores_diacritics_and_case(client, directory, query, expected):
    assert names(client, q=query) == expected


def test_directory_filters_by_province_commune_and_category(client, directory):
    assert names(client, province="38") == [
        "Camera ANTT",
        "Cổng trường an toàn giao thông",
        "Tổ dân phố tự quản về ANTT",
    ]
    assert names(client, province="40") == ["Camera ANTT Vinh Phú"]
    assert names(client, commune="16378") == ["Camera ANTT", "Cổng trường an toàn giao thông"]
    assert names(client, category="camera-an-ninh", province="38") == ["Camera ANTT"]
    assert names(client, category="to-dan-pho-tu-quan") == ["Tổ dân phố tự quản về ANTT"]


def test_directory_offers_the_communes_of_the_chosen_province(client, area, directory):
    response = client.get(reverse("models:model.list"), {"province": "38"})
    assert response.context["communes"] == [area.dong_son_ward, area.hac_thanh_ward]
    assert 'id="m-commune"' in response.content.decode()
    assert 'id="m-commune"' not in client.get(reverse("models:model.list")).content.decode()


def test_directory_without_match_explains(client, directory):
    response = client.get(reverse("models:model.list"), {"q": "khong co gi"})
    page = response.content.decode()
    assert list(response.context["page"].object_list) == []
    assert 'data-testid="empty"' in page
    assert "khong co gi" in page


def test_directory_paginates(client, area):
    for n in range(25):
        MovementModelFactory(unit=area.dong_son_ward, name=f"Mô hình {n:02d}")
    second = client.get(reverse("models:model.list"), {"page": 2})
    assert [m.name for m in second.context["page"].object_list] == [
        f"Mô hình {n}" for n in range(20, 25)
    ]


def test_model_page_lists_only_public_festivals(client, area, commune_official, district_staff):
    model = MovementModelFactory(
        unit=area.dong_son_ward, name="Camera ANTT", results="Làm rõ 5 vụ trộm."
    )
    announced = make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        title="Ngày hội đã công bố",
        approver=district_staff,
    )
    draft = make_festival(
        user=commune_official, host_unit=area.dong_son_ward, title="Ngày hội còn nháp"
    )
    for festival in (announced, draft):
        festival_models_set(festival=festival, user=commune_official, models=[model])

    response = client.get(model.get_public_url())

    page = response.content.decode()
    assert response.context["festivals"] == [announced]
    assert announced.get_public_url() in page
    assert "Ngày hội còn nháp" not in page
    assert "Làm rõ 5 vụ trộm." in page
    assert "Phường Đông Sơn, Tỉnh Thanh Hóa" in page


def test_model_page_of_an_ended_model_says_so(client, directory):
    response = client.get(directory["ended"].get_public_url())
    assert in_vietnamese("ended").capitalize() in response.content.decode()


def test_model_page_of_an_unknown_model_is_404(client, db):
    assert client.get(reverse("models:model.detail", args=[987654])).status_code == 404


def test_festival_include_lists_showcased_models_in_one_query(
    area, commune_official, django_assert_num_queries
):
    camera = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT")
    gate = MovementModelFactory(
        unit=area.dong_son_ward,
        name="Cổng trường an toàn giao thông",
        category=category("cong-truong-an-toan"),
    )
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward)
    festival_models_set(festival=festival, user=commune_official, models=[gate, camera])

    festival = Festival.objects.prefetch_related(showcased_models_prefetch()).get(pk=festival.pk)
    with django_assert_num_queries(0):
        html = render_to_string("includes/models/_festival_models.html", {"festival": festival})

    assert html.index("Camera ANTT") < html.index("Cổng trường an toàn giao thông")
    assert f'href="{camera.get_public_url()}"' in html
    assert "Security cameras" in html  # tests speak English; the category follows


def test_festival_include_renders_nothing_without_models_unless_asked(area, commune_official):
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward)

    assert (
        render_to_string("includes/models/_festival_models.html", {"festival": festival}).strip()
        == ""
    )
    staff = render_to_string(
        "includes/models/_festival_models.html", {"festival": festival, "show_empty": True}
    )
    assert "No movement models were chosen for this festival." in staff


def test_directory_names_categories_in_the_visitors_language(client, directory):
    vietnamese = client.get(reverse("models:model.list")).content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(reverse("models:model.list")).content.decode()

    assert '<option value="hoa-giai-co-so">Tổ hòa giải ở cơ sở</option>' in vietnamese
    assert "Grassroots mediation groups" not in vietnamese
    assert '<option value="hoa-giai-co-so">Grassroots mediation groups</option>' in english
    assert "Tổ hòa giải ở cơ sở" not in english
    assert "Safe school gates" in english  # the category line of a model's card
