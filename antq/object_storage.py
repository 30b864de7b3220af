"""Object storage from the environment: the `STORAGES` of an S3-compatible bucket (MinIO, Ceph,
AWS) through django-storages, read by antq/settings.py.

`STORAGE_URL` names the bucket, `s3://ACCESS_KEY:SECRET_KEY@BUCKET?endpoint_url=…&region=…`
(key and secret percent-encoded; `addressing_style=path|virtual` too), or the usual variables do:
AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME, AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY; those fill in what the URL leaves out (the key and secret, say). With
neither, media stay on the filesystem.

One bucket holds both sides (core.storage): public files under `media/`, which the bucket's
policy lets anyone read, so their address is a plain URL; private files under `private/`, which
nobody reads without a signature, handed out by URLs signed for STORAGE_PRIVATE_URL_SECONDS once
the app has checked who asks (core.downloads).
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

PUBLIC_LOCATION = "media"
PRIVATE_LOCATION = "private"
BACKEND = "storages.backends.s3.S3Storage"
_URL_OPTIONS = {"endpoint_url", "region", "addressing_style"}


def object_storage_config(
    *, url="", bucket="", endpoint_url="", region="", access_key="", secret_key=""
):
    """The bucket, its endpoint, region and key from `url` (STORAGE_URL) and the AWS_* values,
    or None when neither names a bucket. Raises ImproperlyConfigured for a URL it cannot read."""
    addressing_style = ""
    if url:
        parts = urlsplit(url)
        if parts.scheme != "s3" or not parts.hostname:
            raise ImproperlyConfigured(
                "STORAGE_URL must look like s3://KEY:SECRET@BUCKET?endpoint_url=…&region=…"
            )
        options = {name: values[-1] for name, values in parse_qs(parts.query).items()}
        unknown = sorted(set(options) - _URL_OPTIONS)
        if unknown:
            raise ImproperlyConfigured(
                f"STORAGE_URL has unknown options {', '.join(unknown)}; "
                f"it takes {', '.join(sorted(_URL_OPTIONS))}."
            )
        # The bucket as written: urlsplit's hostname would lower-case it.
        bucket = parts.netloc.rpartition("@")[2]
        endpoint_url = options.get("endpoint_url") or endpoint_url
        region = options.get("region") or region
        addressing_style = options.get("addressing_style", "")
        access_key = unquote(parts.username or "") or access_key
        secret_key = unquote(parts.password or "") or secret_key
    if not bucket:
        return None
    if addressing_style not in ("", "path", "virtual"):
        raise ImproperlyConfigured("STORAGE_URL's addressing_style is path or virtual.")
    return {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        # A server of one's own (MinIO, Ceph) is addressed by path: its buckets have no names
        # in the DNS. AWS itself is addressed by the bucket's host name.
        "addressing_style": addressing_style or ("path" if endpoint_url else "virtual"),
    }


def object_storages(config, *, private_url_seconds):
    """The "public" and "private" entries of STORAGES for the bucket of `config`."""
    from botocore.config import Config

    common = {
        "bucket_name": config["bucket_name"],
        "endpoint_url": config["endpoint_url"],
        "region_name": config["region_name"],
        "access_key": config["access_key"],
        "secret_key": config["secret_key"],
        "file_overwrite": False,
        # Short timeouts and few retries: a request waits little for storage that is away, and
        # readiness (/healthz/ready) says so.
        "client_config": Config(
            s3={"addressing_style": config["addressing_style"]},
            signature_version="s3v4",
            connect_timeout=3,
            read_timeout=30,
            retries={"max_attempts": 3, "mode": "standard"},
        ),
    }
    return {
        "public": {
            "BACKEND": BACKEND,
            "OPTIONS": {**common, "location": PUBLIC_LOCATION, "querystring_auth": False},
        },
        "private": {
            "BACKEND": BACKEND,
            "OPTIONS": {
                **common,
                "location": PRIVATE_LOCATION,
                "querystring_auth": True,
                "querystring_expire": private_url_seconds,
            },
        },
    }


def object_storage_origins(config):
    """The origins the browser loads stored files from, for the Content-Security-Policy (none
    without object storage: files come from the site itself)."""
    if not config:
        return []
    bucket = config["bucket_name"]
    if config["endpoint_url"]:
        parts = urlsplit(config["endpoint_url"])
        host = parts.netloc
        if config["addressing_style"] == "virtual":
            host = f"{bucket}.{host}"
        return [f"{parts.scheme}://{host}"]
    region = config["region_name"]
    origins = [f"https://{bucket}.s3.amazonaws.com"]
    if region:
        origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return origins
