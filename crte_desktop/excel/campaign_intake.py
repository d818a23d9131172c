"""Taking a revue de projets workbook back: which campaign and owner it belongs to (a workbook of an unknown
campaign, of another contract, or for an owner outside the campaign is refused, nothing written), the
projects proposed in « Nouveaux projets », and, once accepted, those projects as actions « en préparation »
of the owner linked to the next COPIL's « Demandes d'inscription » agenda point."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from crte_desktop.db.repos.campaign import CampaignRepository
from crte_desktop.db.repos.meeting import MeetingRepository
from crte_desktop.domain.action import Action, full_assessment
from crte_desktop.domain.campaign import PROPOSAL_REFERENCE_PREFIX, Campaign
from crte_desktop.domain.enums import ActionStatus
from crte_desktop.domain.meetings import AgendaItem, AgendaItemKind, CommitteeKind, MeetingStatus
from crte_desktop.domain.text import fold
from crte_desktop.excel.import_reader import WorkbookContent
from crte_desktop.excel.layout import PROPOSALS
from crte_desktop.excel.problems import ImportProblem, ImportRefused

AGENDA_TITLE = "Demandes d'inscription"


@dataclass(frozen=True)
class CampaignRef:
    campaign: Campaign
    owner_id: int
    owner_name: str


def campaign_of(store, content: WorkbookContent, contract_id: int, expected_campaign_id: int | None = None
                ) -> CampaignRef | None:
    """The campaign and owner a workbook was written for (None for a dashboard workbook); refuses in French a
    workbook that belongs to no campaign of this contract, or not to ``expected_campaign_id``."""
    meta = content.meta
    name = meta.get("campaign_name") or "?"
    if not meta.get("campaign_uuid"):
        if expected_campaign_id is not None:
            raise ImportRefused("Ce classeur n'est pas celui d'une campagne de revue de projets (c'est un classeur du "
                                "tableau de bord) : rien n'a été importé.")
        return None
    repo = CampaignRepository(store)
    campaign = repo.by_uuid(meta["campaign_uuid"])
    if campaign is None:
        raise ImportRefused(f"Ce classeur appartient à la campagne « {name} », qui n'existe pas dans cet espace de "
                            "travail (supprimée, ou d'un autre espace) : rien n'a été importé.")
    if campaign.contract_id != contract_id:
        raise ImportRefused(f"Ce classeur appartient à la campagne « {name} » d'un autre contrat : rien n'a été "
                            "importé.")
    if expected_campaign_id is not None and campaign.id != expected_campaign_id:
        expected = repo.get(expected_campaign_id)
        raise ImportRefused(f"Ce classeur appartient à la campagne « {name} », pas à la campagne "
                            f"« {expected.name if expected else expected_campaign_id} » : rien n'a été importé.")
    try:
        owner_id = int(meta.get("owner_id", ""))
    except ValueError:
        owner_id = -1
    owner = repo.owner(campaign.id, owner_id)
    if owner is None:
        raise ImportRefused(f"Le maître d'ouvrage de ce classeur (« {meta.get('owner_name', '?')} ») ne fait pas partie "
                            f"de la campagne « {name} » : rien n'a été importé.")
    return CampaignRef(campaign, owner_id, owner.owner_name)


def proposals(content: WorkbookContent, problems: list[ImportProblem]) -> list[tuple[int, dict]]:
    """(workbook row, values) of each project proposed; broken rows are reported in ``problems`` (in French,
    naming the column)."""
    from crte_desktop.domain.enums import Phase

    sheet = content.proposals
    if sheet is None:
        return []
    phases = {fold(p.label): p for p in Phase} | {fold(p.value): p for p in Phase}
    result = []
    for row in sheet.rows:
        if row.ident is not None:
            problems.append(ImportProblem("Une ligne de cette feuille porte un identifiant : seuls de nouveaux projets "
                                          "y sont attendus.", sheet=PROPOSALS.name, row=row.number))
            continue
        if row.bad:
            continue
        values = dict(row.values)
        title = (values.get("title") or "").strip()
        if not title:
            problems.append(ImportProblem("Intitulé du projet : obligatoire.", sheet=PROPOSALS.name, row=row.number,
                                          header=PROPOSALS.column("title").header))
            continue
        values["title"] = title
        phase = values.get("phase")
        if phase:
            member = phases.get(fold(str(phase)))
            if member is None:
                problems.append(ImportProblem(f"Phase « {phase} » inconnue : choisissez Idée, Étude ou Opération.",
                                              sheet=PROPOSALS.name, row=row.number,
                                              header=PROPOSALS.column("phase").header))
                continue
            values["phase"] = member
        start, end = values.get("start_date"), values.get("end_date")
        if start and end and end < start:
            problems.append(ImportProblem("Fin prévue : elle précède le début prévu.", sheet=PROPOSALS.name,
                                          row=row.number, header=PROPOSALS.column("end_date").header))
            continue
        result.append((row.number, values))
    return result


def proposal_action(values: dict, contract_id: int, owner_id: int, reference: str, year: int) -> Action:
    notes = [f"{label} : {values[key]}" for key, label in (("communes", "Communes"),
                                                          ("funding", "Financements envisagés")) if values.get(key)]
    description = "\n".join(filter(None, [values.get("description") or "", *notes]))
    action = Action(contract_id=contract_id, reference=reference, title=values["title"], description=description,
                    owner_id=owner_id, status=ActionStatus.EN_PREPARATION, progress=0,
                    start_date=values.get("start_date"), end_date=values.get("end_date"),
                    total_cost=values.get("total_cost"), inscription_year=year)
    if values.get("phase") is not None:
        action.phase = values["phase"]
    return action


def next_references(taken: set[str], year: int, count: int) -> list[str]:
    """``count`` free references PROP-YEAR-n."""
    result: list[str] = []
    n = 1
    folded = {fold(t) for t in taken}
    while len(result) < count:
        ref = f"{PROPOSAL_REFERENCE_PREFIX}-{year}-{n}"
        if fold(ref) not in folded:
            result.append(ref)
        n += 1
    return result


def new_bundles(store, ref: CampaignRef, values_list: list[dict]):
    """ActionBundles (unsaved) of the accepted proposals."""
    from crte_desktop.db.repos.action import ActionRepository
    from crte_desktop.editing.actions import ActionBundle

    year = ref.campaign.end_date.year
    refs = next_references(ActionRepository(store).references(ref.campaign.contract_id), year, len(values_list))
    return [ActionBundle(proposal_action(v, ref.campaign.contract_id, ref.owner_id, r, year), [], [],
                         full_assessment([])) for v, r in zip(values_list, refs)]


def next_copil(store, contract_id: int, today: date):
    """The next COPIL meeting of the contract (planned or convened, from today on), or None."""
    from crte_desktop.db.repos.committee import CommitteeRepository

    copils = {c.id for c in CommitteeRepository(store).committees(contract_id) if c.kind is CommitteeKind.COPIL}
    coming = [m for m in MeetingRepository(store).for_contract(contract_id)
              if m.committee_id in copils and m.date and m.date >= today
              and m.status in (MeetingStatus.PLANNED, MeetingStatus.CONVENED)]
    return coming[0] if coming else None


def link_to_next_copil(store, contract_id: int, action_ids: list[int], today: date) -> str:
    """Link the actions to the « Demandes d'inscription » point of the next COPIL (created when missing);
    returns a French sentence saying where they went."""
    from crte_desktop.meetings.agenda import AgendaService

    if not action_ids:
        return ""
    meeting = next_copil(store, contract_id, today)
    if meeting is None:
        return ("Aucun COPIL n'est prévu : les projets proposés n'ont été rattachés à aucun ordre du jour (ajoutez-les "
                "au point « Demandes d'inscription » du prochain COPIL).")
    agenda = AgendaService(store)
    item = next((i for i in agenda.items(meeting.id) if fold(i.title) == fold(AGENDA_TITLE)), None)
    if item is None:
        item = AgendaItem(meeting_id=meeting.id, title=AGENDA_TITLE, kind=AgendaItemKind.DECISION,
                          description="Projets proposés par les maîtres d'ouvrage lors de la revue de projets.",
                          position=len(agenda.items(meeting.id)) + 1)
    known = set(item.action_ids)
    item.actions = list(item.actions) + [agenda.link(aid) for aid in action_ids if aid not in known]
    agenda.save_item(item)
    return f"Projets proposés rattachés au point « {AGENDA_TITLE} » du COPIL du {meeting.date:%d/%m/%Y}."


def mark_integrated(store, ref: CampaignRef, today: date) -> None:
    repo = CampaignRepository(store)
    owner = repo.owner(ref.campaign.id, ref.owner_id)
    if owner is not None and owner.received_on is None:
        repo.set_date(ref.campaign.id, ref.owner_id, "received_on", today)
    repo.set_date(ref.campaign.id, ref.owner_id, "integrated_on", today)

