# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. Django configured in code (forms need settings, not a database), and the
# ContactForm from the lesson's first code block.
import django
from django.conf import settings

settings.configure()
django.setup()

from django import forms  # noqa: E402


class ContactForm(forms.Form):
    email = forms.EmailField()
    subject = forms.CharField(max_length=100)
    message = forms.CharField(widget=forms.Textarea)
    copy_me = forms.BooleanField(required=False)
