"""Object storage from the environment (antq/object_storage.py, read by antq/settings.py):
STORAGE_URL or the AWS_* variables, and nothing changes when neither is set."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from antq.object_storage import object_storage_config, object_storage_origins, object_storages
from tests.antq.test_settings import production_setting


def test_storage_url_names_bucket_endpoint_region_and_key():
    config = object_storage_config(
        url="s3://antq-app:se%2Fcr%40et@antq-media?endpoint_url=https://s3.example.gov.vn"
        "&region=vn-hn"
    )

    assert config == {
        "bucket_name": "antq-media",
        "endpoint_url": "https://s3.example.gov.vn",
        "region_name": "vn-hn",
        "access_key": "antq-app",
        "secret_key": "se/cr@et",
        "addressing_style": "path",
    }
    assert object_storage_origins(config) == ["https://s3.example.gov.vn"]


def test_the_aws_variables_fill_in_what_the_url_leaves_out():
    from_url = object_storage_config(
        url="s3://antq-media?region=vn-hn", access_key="AKIA1", secret_key="s3cret"
    )
    assert (from_url["access_key"], from_url["secret_key"]) == ("AKIA1", "s3cret")

    alone = object_storage_config(
        bucket="antq-media",
        endpoint_url="http://10.0.0.15:9000",
        region="vn-hn",
        access_key="AKIA1",
        secret_key="s3cret",
    )
    assert alone == {
        **from_url,
        "endpoint_url": "http://10.0.0.15:9000",
        "addressing_style": "path",
    }


def test_aws_itself_is_addressed_by_the_buckets_host_name():
    config = object_storage_config(bucket="antq-media", region="ap-southeast-1")

    assert (config["endpoint_url"], config["addressing_style"]) == (None, "virtual")
    assert object_storage_origins(config) == [
        "https://antq-media.s3.amazonaws.com",
        "https://antq-media.s3.ap-southeast-1.amazonaws.com",
    ]


def test_without_a_bucket_there_is_no_object_storage():
    assert object_storage_config() is None
    assert object_storage_config(endpoint_url="http://10.0.0.15:9000", access_key="k") is None
    assert object_storage_origins(None) == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://antq-media", "STORAGE_URL must look like s3://"),
        ("s3://?region=vn-hn", "STORAGE_URL must look like s3://"),
        ("s3://antq-media?endpoint=http://x", "STORAGE_URL has unknown options endpoint"),
        ("s3://antq-media?addressing_style=dns", "addressing_style is path or virtual"),
    ],
)
def test_a_storage_url_that_cannot_be_read_stops_the_start(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        object_storage_config(url=url)


def test_the_two_sides_share_the_bucket_the_private_one_signed_for_60_seconds():
    config = object_storage_config(url="s3://k:s@antq-media?endpoint_url=http://10.0.0.15:9000")

    storages = object_storages(config, private_url_seconds=60)

    public, private = storages["public"]["OPTIONS"], storages["private"]["OPTIONS"]
    assert (
        storages["public"]["BACKEND"]
        == storages["private"]["BACKEND"]
        == ("storages.backends.s3.S3Storage")
    )
    assert (public["bucket_name"], public["location"], public["querystring_auth"]) == (
        "antq-media",
        "media",
        False,
    )
    assert (private["location"], private["querystring_auth"], private["querystring_expire"]) == (
        "private",
        True,
        60,
    )
    assert public["file_overwrite"] is private["file_overwrite"] is False


def test_with_no_variable_set_media_stay_in_folders():
    none = {"STORAGE_URL": "", "AWS_STORAGE_BUCKET_NAME": ""}
    assert production_setting("STORAGES['public']['BACKEND']", **none) == (
        "'django.core.files.storage.FileSystemStorage'"
    )
    assert production_setting("CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']", **none) == (
        "[\"'self'\", 'data:']"
    )


def test_a_production_process_with_storage_url_uses_the_bucket():
    env = {"STORAGE_URL": "s3://k:s@antq-media?endpoint_url=https://s3.example.gov.vn&region=vn"}
    assert production_setting("STORAGES['private']['OPTIONS']['location']", **env) == "'private'"
    assert production_setting("CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']", **env) == (
        "[\"'self'\", 'data:', 'https://s3.example.gov.vn']"
    )
