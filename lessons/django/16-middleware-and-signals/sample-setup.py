# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. The samples start as the exercises do, with `import django_setup` and
# `django_setup.configure()`; the course's support files sit beside each sample. A sample runs as
# __main__, not as main.py, so its URL patterns are found there.
import django_setup as _django_setup

_configure = _django_setup.configure
_django_setup.configure = lambda templates=None, **overrides: _configure(templates, **{"ROOT_URLCONF": "__main__", **overrides})
