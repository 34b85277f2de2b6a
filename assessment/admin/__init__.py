from assessment.admin import levels, options, questionnaire, responses, translations

__all__ = ["levels", "options", "questionnaire", "responses", "translations"]
