from django import forms

from cme.areas.forms import PostcodeField


class AddressForm(forms.Form):
    postcode = PostcodeField(label="Postcode")
    previous_postcode = PostcodeField(label="Previous postcode", required=False)


def test_a_postcode_is_cleaned_to_its_normal_form():
    form = AddressForm({"postcode": " al11aa ", "previous_postcode": ""})

    assert form.is_valid()
    assert form.cleaned_data == {"postcode": "AL1 1AA", "previous_postcode": ""}


def test_a_missing_or_wrong_postcode_gets_a_gov_uk_style_message():
    assert AddressForm({"postcode": ""}).errors == {"postcode": ["Enter a postcode"]}
    assert AddressForm({"postcode": "AL1"}).errors == {"postcode": ["Enter a real postcode, like AL1 2AB"]}
    assert AddressForm({"postcode": "AL1 1AA AL1 1AA"}).errors == {"postcode": ["Enter a real postcode, like AL1 2AB"]}


def test_the_input_helps_browsers_fill_it_in():
    html = str(AddressForm()["postcode"])

    assert 'autocomplete="postal-code"' in html
    assert 'spellcheck="false"' in html
