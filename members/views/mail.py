from email import policy
from email.parser import BytesParser
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from members.services.outbox import mail_opt_out, member_from_unsubscribe_token


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a CSRF token; the token is signed.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    found = member_from_unsubscribe_token(token)
    if found is None:
        return render(request, "members/unsubscribe.html", {"invalid": True}, status=400)
    member, kind = found
    if request.method == "POST":
        mail_opt_out(member=member, kind=kind)
    return render(
        request,
        "members/unsubscribe.html",
        {"kind": kind, "done": request.method == "POST", "token": token},
    )


def _dev_mail_files() -> list[Path]:
    if not settings.DEBUG:
        raise Http404
    folder = Path(getattr(settings, "EMAIL_FILE_PATH", settings.VAR_DIR / "mail"))
    if not folder.exists():
        return []
    return sorted(folder.glob("*.eml"), key=lambda path: path.stat().st_mtime_ns, reverse=True)


def _parse(path: Path):
    return BytesParser(policy=policy.default).parsebytes(path.read_bytes())


def dev_mail_list(request):
    """DEBUG only: the mail written to var/mail/, newest first, to read login codes."""
    mails = [(path.name, _parse(path)) for path in _dev_mail_files()[:100]]
    return render(request, "members/dev_mail_list.html", {"mails": mails})


def dev_mail_detail(request, name):
    path = next((p for p in _dev_mail_files() if p.name == name), None)
    if path is None:
        raise Http404
    mail = _parse(path)
    text = mail.get_body(preferencelist=("plain",))
    return render(
        request,
        "members/dev_mail_detail.html",
        {"mail": mail, "text": text.get_content() if text else ""},
    )
