from django.shortcuts import render


def index(request):
    return render(request, "preferendum/index.html")
