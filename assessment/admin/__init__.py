from assessment.admin import questionnaire, responses

__all__ = ["questionnaire", "responses"]
