from django.contrib.admin.apps import AdminConfig


class MembersAdminConfig(AdminConfig):
    """Django's admin with members' site: current admins only, login through allauth."""

    default_site = "members.admin_site.MemberAdminSite"
