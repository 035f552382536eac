from django.shortcuts import render


def home(request):
    """The members' home page: what is open for this member now."""
    return render(request, "ledendemocratie/home.html")
