"""Everything public: the home page, festivals, models, statistics, feeds, sign-in."""

from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path, reverse_lazy

from core.conditional import conditional_public
from portal.feeds import PublishedReportsFeed, feed_versions
from portal.views import accounts, festivals, files, health, models, site, stats

account_patterns = [
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", accounts.password_change, name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(success_url=reverse_lazy("password_reset_done")),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

festival_patterns = [
    path("festivals/", festivals.festival_list, name="festival.list"),
    path("festivals/<int:year>/<slug:slug>/", festivals.festival_detail, name="festival.detail"),
    path("calendar.ics", festivals.calendar_ics, name="calendar"),
]

model_patterns = [
    path("", models.model_list, name="model.list"),
    path("<int:pk>/", models.model_detail, name="model.detail"),
]

stats_patterns = [
    path("", stats.index, name="index"),
    re_path(r"^(?P<table>[a-z0-9-]+)\.(?P<fmt>csv|xlsx)$", stats.download, name="download"),
]

urlpatterns = [
    path("", site.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("healthz/ready", health.healthz_ready, name="healthz.ready"),
    path("metrics", health.metrics_view, name="metrics"),
    path("feed/", conditional_public(rows=feed_versions)(PublishedReportsFeed()), name="feed"),
    path("files/<path:name>", files.private_file, name="private-file"),
    path("accounts/", include(account_patterns)),
    path("stats/", include((stats_patterns, "stats"))),
    path("models/", include((model_patterns, "models"))),
    path("", include((festival_patterns, "public"))),
]
