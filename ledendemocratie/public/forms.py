import re

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from ledendemocratie import processes

# A Mastodon server's host name, nothing else: no scheme, path or credentials.
HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


class ProcessLinkForm(forms.ModelForm):
    """For the admin: a process chosen by kind and number, which must exist."""

    process_kind = forms.ChoiceField(label=_("soort proces"), choices=processes.kind_choices)

    def clean(self):
        data = super().clean()
        kind, process_id = data.get("process_kind"), data.get("process_id")
        if kind and process_id and processes.process_get(kind, process_id) is None:
            raise forms.ValidationError(_("Dit proces bestaat niet of is niet gepubliceerd."))
        return data


class MastodonForm(forms.Form):
    instance = forms.CharField(
        label=_("Jouw Mastodon-server"),
        help_text=_("Bijvoorbeeld mastodon.nl"),
        max_length=253,
    )
    url = forms.CharField(widget=forms.HiddenInput, max_length=500)
    text = forms.CharField(widget=forms.HiddenInput, max_length=300, required=False)

    def clean_instance(self):
        host = self.cleaned_data["instance"].strip().lower()
        host = re.sub(r"^https?://", "", host).strip("/").lstrip("@")
        host = host.rsplit("@", 1)[-1]  # "@naam@mastodon.nl" names the server after the @
        if not HOST.match(host):
            raise forms.ValidationError(
                _("Vul alleen de naam van de server in, zoals mastodon.nl.")
            )
        return host

    def clean_url(self):
        url = self.cleaned_data["url"]
        # A path of this site: "//host/..." and "/\\host/..." name another host.
        local = url_has_allowed_host_and_scheme(url, allowed_hosts=set())
        if not url.startswith("/") or url.startswith(("//", "/\\")) or not local:
            raise forms.ValidationError(_("Alleen pagina's van dit platform kun je delen."))
        return url
