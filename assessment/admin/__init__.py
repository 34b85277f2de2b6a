from assessment.admin import questionnaire, responses, translations

__all__ = ["questionnaire", "responses", "translations"]
