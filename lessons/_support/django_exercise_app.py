"""The Django app that exercise models belong to (app label "exercise").

Learner models declare `class Meta: app_label = "exercise"`; django_setup lists this module in
INSTALLED_APPS. It is a plain module, not a package, because exercise runs copy support files flat.
"""

from django.apps import AppConfig


class ExerciseConfig(AppConfig):
    name = "django_exercise_app"
    label = "exercise"
    verbose_name = "Exercise"
    default_auto_field = "django.db.models.BigAutoField"

    def import_models(self):
        super().import_models()
        # The models live in main.py, not in a models submodule. Point models_module at this module
        # so `migrate --run-syncdb` creates their tables and post-migrate adds their permissions.
        self.models_module = self.module
