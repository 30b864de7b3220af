from django.apps import AppConfig
from django.db.models.signals import post_delete, post_init, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = _("Statistics")

    def ready(self):
        from awards.models import Award, Tribute
        from core.audit import rows_written
        from events.models import Festival, FestivalReport
        from stats import signals

        for model in (Festival, Award, Tribute):
            post_init.connect(signals.remember_loaded, sender=model, dispatch_uid="stats-loaded")
        for signal in (post_save, post_delete):
            signal.connect(signals.festival_changed, sender=Festival, dispatch_uid="stats")
            for model in (FestivalReport, Award, Tribute):
                signal.connect(signals.row_changed, sender=model, dispatch_uid="stats")
        rows_written.connect(signals.rows_written, dispatch_uid="stats")
        # After a deploy's migrations the summaries count what is in the database.
        post_migrate.connect(signals.rebuild_after_migrate, sender=self, dispatch_uid="stats")
