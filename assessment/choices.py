"""Profile vocabularies shared by companies, programme targeting and benchmarks."""

from django.db import models


class Country(models.TextChoices):
    CAMBODIA = "KH", "Cambodia"
    CHINA = "CN", "China"
    LAOS = "LA", "Lao PDR"
    MYANMAR = "MM", "Myanmar"
    THAILAND = "TH", "Thailand"
    VIETNAM = "VN", "Viet Nam"
    OTHER = "XX", "Other"


class Sector(models.TextChoices):
    AGRIFOOD = "agrifood", "Agriculture and food processing"
    MANUFACTURING = "manufacturing", "Manufacturing"
    TRADE = "trade", "Retail and wholesale trade"
    TOURISM = "tourism", "Tourism and hospitality"
    LOGISTICS = "logistics", "Logistics and transport"
    ICT = "ict", "ICT and digital services"
    SERVICES = "services", "Professional and business services"
    CREATIVE = "creative", "Handicrafts and creative industries"
    CONSTRUCTION = "construction", "Construction"
    OTHER = "other", "Other"


class SizeBand(models.TextChoices):
    MICRO = "micro", "Micro (1–9 employees)"
    SMALL = "small", "Small (10–49 employees)"
    MEDIUM = "medium", "Medium (50–249 employees)"
    LARGE = "large", "Large (250+ employees)"


PILLAR_CODES = ("infrastructure", "policy_finance", "talent", "cooperation")
