from django.http import HttpResponse


def results(request, pk):
    return HttpResponse("results")
