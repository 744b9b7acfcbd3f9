"""The letter template form: the body text and a note of what changed."""

from __future__ import annotations

from django import forms


class TemplateForm(forms.Form):
    body = forms.CharField(
        label="Letter text",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "true"}),
        error_messages={
            "required": "Enter the text of the letter",
            "max_length": "The text of the letter must be 20,000 characters or fewer",
        },
    )
    change_note = forms.CharField(
        label="What you changed (optional)",
        max_length=300,
        required=False,
        error_messages={"max_length": "What you changed must be 300 characters or fewer"},
    )


class RestrictedReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this document?",
        help_text=(
            "The case is restricted and the document shows the family's address. "
            "Your reason is kept in the audit trail."
        ),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why you need to open this document",
            "max_length": "The reason must be 500 characters or fewer",
        },
    )
