"""Profile vocabularies shared by companies, programme targeting and benchmarks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    CAMBODIA = "KH", _("Cambodia")
    CHINA = "CN", _("China")
    LAOS = "LA", _("Lao PDR")
    MYANMAR = "MM", _("Myanmar")
    THAILAND = "TH", _("Thailand")
    VIETNAM = "VN", _("Viet Nam")
    OTHER = "XX", _("Other")


class Sector(models.TextChoices):
    AGRIFOOD = "agrifood", _("Agriculture and food processing")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    TRADE = "trade", _("Retail and wholesale trade")
    TOURISM = "tourism", _("Tourism and hospitality")
    LOGISTICS = "logistics", _("Logistics and transport")
    ICT = "ict", _("ICT and digital services")
    SERVICES = "services", _("Professional and business services")
    CREATIVE = "creative", _("Handicrafts and creative industries")
    CONSTRUCTION = "construction", _("Construction")
    OTHER = "other", _("Other")


class SizeBand(models.TextChoices):
    MICRO = "micro", _("Micro (1–9 employees)")
    SMALL = "small", _("Small (10–49 employees)")
    MEDIUM = "medium", _("Medium (50–249 employees)")
    LARGE = "large", _("Large (250+ employees)")


class Exports(models.TextChoices):
    """Whether the firm sells abroad: what export and cross-border programmes look for."""

    YES = "yes", _("We sell abroad")
    PLANNING = "planning", _("Not yet, but we want to")
    NO = "no", _("We sell only in our country")
    UNSAID = "", _("Prefer not to say")


PILLAR_CODES = ("infrastructure", "policy_finance", "talent", "cooperation")


class StepWho(models.TextChoices):
    """Who in a small firm usually takes the first step a question's advice asks for."""

    OWNER = "owner", _("The owner")
    STAFF = "staff", _("A member of staff")
    PROVIDER = "provider", _("An outside provider (IT firm, bank, accountant)")
    ADVISER = "adviser", _("An adviser or a support programme")


class StepEffort(models.TextChoices):
    """Roughly what that first step costs or takes."""

    FREE = "free", _("Free; a few hours")
    LOW = "low", _("Low cost; a few days")
    MEDIUM = "medium", _("Some budget; a few weeks")
    HIGH = "high", _("An investment; a few months")
