from assessment.admin import levels, questionnaire, responses, translations

__all__ = ["levels", "questionnaire", "responses", "translations"]
