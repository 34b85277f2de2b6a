"""What the domain tells its readers, without knowing who they are.

`reports` (benchmarks, stored PDFs) listens; `assessment` never imports it.
"""

from django.dispatch import Signal

# Sent once per assessment, by the request that submitted it (a repeated or concurrent
# submission sends nothing). Arguments: assessment.
assessment_submitted = Signal()
