from assessment.models.advice_variants import AdviceVariant
from assessment.models.levels import MaturityLevel
from assessment.models.questionnaire import (
    Option,
    Pillar,
    Question,
    QuestionnaireVersion,
)
from assessment.models.responses import Answer, AnswerOption, Assessment, Cohort, Company
from assessment.models.translations import (
    TRANSLATION_MODELS,
    AdviceVariantTranslation,
    LevelTranslation,
    OptionTranslation,
    PillarTranslation,
    QuestionnaireTranslation,
    QuestionTranslation,
    TranslationStatus,
)
from assessment.models.users import User

__all__ = [
    "TRANSLATION_MODELS",
    "AdviceVariant",
    "AdviceVariantTranslation",
    "Answer",
    "AnswerOption",
    "Assessment",
    "Cohort",
    "Company",
    "LevelTranslation",
    "MaturityLevel",
    "Option",
    "OptionTranslation",
    "Pillar",
    "PillarTranslation",
    "Question",
    "QuestionTranslation",
    "QuestionnaireTranslation",
    "QuestionnaireVersion",
    "TranslationStatus",
    "User",
]
