from django.http import HttpResponse


def dashboard(request):
    return HttpResponse("dashboard")


def start_assessment(request):
    return HttpResponse("start")
