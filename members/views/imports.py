from django.core.cache import cache
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from members import permissions
from members.forms import MemberImportForm
from members.models import MemberImport
from members.services.importing.jobs import (
    member_import_confirm,
    member_import_start,
    progress_key,
)

ERRORS_PER_PAGE = 100


@require_http_methods(["GET", "POST"])
@permissions.signed_in_view(permissions.can_import_members)
def import_upload(request):
    bound = request.method == "POST"
    form = MemberImportForm(request.POST if bound else None, request.FILES if bound else None)
    if request.method == "POST" and form.is_valid():
        job = member_import_start(
            by=request.user,
            upload=form.cleaned_data["file"],
            full=form.cleaned_data["full"],
            dry_run=form.cleaned_data["dry_run"],
        )
        return redirect("members:import-detail", pk=job.pk)
    recent = MemberImport.objects.select_related("created_by")[:20]
    return render(request, "members/import_upload.html", {"form": form, "imports": recent})


@permissions.signed_in_view(permissions.is_signed_in)
def import_detail(request, pk):
    """Progress while the import runs (htmx polls the partial), then the report."""
    job = permissions.get_import_for_user(request.user, pk)
    errors = Paginator(job.report.get("errors", []), ERRORS_PER_PAGE)
    context = {
        "job": job,
        "progress": cache.get(progress_key(job.pk)),
        "errors": errors.get_page(request.GET.get("pagina")),
    }
    template = "members/import_detail.html"
    return render(request, template + "#progress" if request.htmx else template, context)


@require_POST
@permissions.signed_in_view(permissions.can_import_members)
def import_confirm(request, pk):
    """The second step of a full import that retires many members: the admin confirms."""
    job = permissions.get_import_for_user(request.user, pk)
    member_import_confirm(job=job, by=request.user)
    return redirect("members:import-detail", pk=job.pk)
