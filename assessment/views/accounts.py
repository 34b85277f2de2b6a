"""Sign-up with e-mail and consent; the e-mail is the login. (Stub: being written.)"""

from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponse


class EmailAuthenticationForm(AuthenticationForm):
    pass


def signup(request):
    return HttpResponse("signup")
