from django.http import HttpResponse


def pillar_page(request, pk, index):
    return HttpResponse("page")


def review(request, pk):
    return HttpResponse("review")


def submit(request, pk):
    return HttpResponse("submit")
