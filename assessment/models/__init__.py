from assessment.models.questionnaire import (
    MaturityLevel,
    Option,
    Pillar,
    Question,
    QuestionnaireVersion,
)
from assessment.models.responses import Answer, AnswerOption, Assessment, Cohort, Company
from assessment.models.users import User

__all__ = [
    "Answer",
    "AnswerOption",
    "Assessment",
    "Cohort",
    "Company",
    "MaturityLevel",
    "Option",
    "Pillar",
    "Question",
    "QuestionnaireVersion",
    "User",
]
