"""Read replicas (core.replicas): the public pages read from a replica that cannot write.

The replica is the test database itself, reached as a role whose transactions are read-only
(`default_transaction_read_only = on`), as the alias `replica_1` that exists only for these tests.
The tests commit their data (transaction=True) so that the second connection sees it."""

import psycopg
import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.db.utils import InternalError
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.replicas import PIN_COOKIE, ReplicaRouter, ReplicaRoutingMiddleware
from movements.models import ModelCategory
from tests.factories.events import make_festival
from tests.factories.events import publish_report as publish
from tests.factories.movements import MovementModelFactory
from units.models import AdministrativeUnit as Unit

READER = "antq_test_reader"

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica_1"])


def _create_read_only_role(database):
    with psycopg.connect(
        host=database["HOST"] or "127.0.0.1",
        port=database["PORT"] or 5432,
        user=database["USER"],
        password=database["PASSWORD"] or None,
        dbname=database["NAME"],
        autocommit=True,
    ) as admin:
        exists = admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [READER]).fetchone()
        if not exists:
            admin.execute(f"CREATE ROLE {READER} LOGIN")
        admin.execute(f"ALTER ROLE {READER} SET default_transaction_read_only = on")
        admin.execute(f"GRANT pg_read_all_data TO {READER}")


@pytest.fixture(scope="module", autouse=True)
def _replica_alias(django_db_setup):
    """The alias `replica_1` for this module's tests: the test database as the read-only role."""
    primary = connections["default"].settings_dict
    _create_read_only_role(primary)
    replica_settings = {
        **primary,
        "USER": READER,
        "PASSWORD": "",
        "ATOMIC_REQUESTS": False,
        "OPTIONS": {**primary["OPTIONS"]},
        "TEST": {**primary["TEST"], "MIRROR": "default"},
    }
    replica_settings["OPTIONS"].pop("pool", None)
    connections.settings["replica_1"] = replica_settings
    yield
    connections["replica_1"].close()
    del connections["replica_1"]
    del connections.settings["replica_1"]


@pytest.fixture
def replica(settings):
    """Public pages routed to `replica_1`; yields the alias."""
    settings.DATABASE_REPLICAS = ["replica_1"]
    return "replica_1"


@pytest.fixture
def public_site(area, commune_official, district_staff, held):
    """An announced festival, a published report, a movement model."""
    upcoming = make_festival(
        user=commune_official, host_unit=area.dong_son_ward, approver=district_staff
    )
    publish(held, commune_official, district_staff)
    # The categories of the data migration, gone if a transactional test flushed before.
    camera, _created = ModelCategory.objects.get_or_create(
        code="camera-an-ninh", defaults={"name": "Camera an ninh"}
    )
    model = MovementModelFactory(unit=area.dong_son_ward, category=camera)
    return {"report": held, "upcoming": upcoming, "model": model}


def _public_urls(site):
    return [
        "/",
        "/feed/",
        "/calendar.ics",
        reverse("public:festival.list"),
        reverse("public:festival.list") + "?q=an+ninh",
        site["report"].get_public_url(),
        site["upcoming"].get_public_url(),
        reverse("models:model.list"),
        reverse("models:model.detail", args=[site["model"].pk]),
        reverse("stats:index"),
        reverse("stats:download", kwargs={"table": "festivals-by-year", "fmt": "csv"}),
    ]


CONTROL = {"BEGIN", "COMMIT", "ROLLBACK"}


def _queries(client, url):
    """(status, content, queries on the primary, queries on the replica) of one GET."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica_1"]) as replica,
    ):
        response = client.get(url)
        content = b"".join(response) if response.streaming else response.content
    # Transaction control (a view under ATOMIC_REQUESTS) reads nothing.
    on_primary = [q["sql"] for q in primary.captured_queries if q["sql"] not in CONTROL]
    return response.status_code, content.decode(), len(on_primary), len(replica)


def test_a_write_sent_to_the_replica_fails(replica, area):
    with pytest.raises(InternalError, match="read-only transaction"):
        Unit.objects.using(replica).filter(pk=area.dong_son_ward.pk).update(name="Đổi tên")
    assert Unit.objects.get(pk=area.dong_son_ward.pk).name == area.dong_son_ward.name


def test_every_public_page_reads_from_the_replica(replica, client, public_site):
    for url in _public_urls(public_site):
        status, _content, on_primary, on_replica = _queries(client, url)

        assert (url, status) == (url, 200)
        assert (url, on_primary) == (url, 0)
        assert on_replica >= 1, url
    page = _queries(client, public_site["report"].get_public_url())[1]
    assert public_site["report"].title in page


def test_staff_pages_and_signed_in_visitors_read_from_the_primary(
    replica, client, commune_official, public_site
):
    client.force_login(commune_official)

    for url in [reverse("manage:dashboard"), reverse("events:festival.list"), "/"]:
        status, _content, on_primary, on_replica = _queries(client, url)

        assert (url, status, on_replica) == (url, 200, 0)
        assert on_primary >= 1


def test_a_visitor_who_wrote_reads_from_the_primary_for_a_while(replica, client, area):
    # A failed sign-in is a write (the throttle counts it), by an anonymous visitor.
    response = client.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200
    assert int(float(response.cookies[PIN_COOKIE].value)) > 0
    assert response.cookies[PIN_COOKIE]["max-age"] == django_settings.DATABASE_REPLICA_PIN_SECONDS

    _status, _content, on_primary, on_replica = _queries(client, "/")
    assert (on_primary >= 1, on_replica) == (True, 0)

    client.cookies[PIN_COOKIE] = "0"  # the pin has run out
    _status, _content, on_primary, on_replica = _queries(client, "/")
    assert (on_primary, on_replica >= 1) == (0, True)


def test_without_replicas_everything_reads_from_the_primary(client, public_site):
    assert django_settings.DATABASE_REPLICAS == []
    with CaptureQueriesContext(connections["default"]) as primary:
        response = client.get("/")
    assert response.status_code == 200
    assert len(primary) >= 1
    assert PIN_COOKIE not in client.post(reverse("login"), {"username": "x"}).cookies


def test_a_public_request_that_writes_reads_from_the_primary_afterwards(replica, rf, area):
    router = ReplicaRouter()
    reads = []

    def view(request):
        reads.append(router.db_for_read(Unit))
        assert router.db_for_write(Unit) == "default"
        reads.append(router.db_for_read(Unit))
        return HttpResponse("ok")

    response = ReplicaRoutingMiddleware(view)(rf.get("/festivals/"))

    assert reads == ["replica_1", "default"]
    assert PIN_COOKIE in response.cookies
    assert router.db_for_read(Unit) == "default"  # outside a request


def test_readiness_checks_the_replica(replica, client):
    response = client.get("/healthz/ready")

    assert response.status_code == 200
    assert response.json()["checks"] == {
        "database": "ok",
        "replica_1": "ok",
        "storage": "ok",
        "broker": "ok",
    }
