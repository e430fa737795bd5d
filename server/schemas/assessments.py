"""Personal-information impact assessments a shop published (where its policy promises them)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from server.schemas.common import ApiModel, ProvenanceBasis


class ImpactAssessmentItem(ApiModel):
    id: str
    topic: str = Field(description="What was assessed, in the asked language.")
    assessed_at: datetime
    outcome: str = Field(description="The published summary of the outcome.")
    notice_id: str | None = Field(description="The announcement that published it.")
    clause: str | None = Field(
        description="Section of this shop's policy promising such assessments; null: the shop "
        "publishes them without its policy saying so."
    )
    clause_title: str | None
    basis: ProvenanceBasis
