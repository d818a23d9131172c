"""Decisions and follow-ups of a meeting; applying an adopted decision to the programme of actions.

A decision that includes, adapts or abandons an action, or changes a financing, is applied through
``ActionService.save`` — the same rules and history as an edit by hand — inside
``store.context("Décision du COPIL du 12/03/2024 — n° 3")``, so that the action's history says which
meeting decided the change.
"""

from __future__ import annotations

from datetime import date, datetime

from crte_desktop.db.changes import Changes
from crte_desktop.db.repos.meeting_agenda import AgendaRepository
from crte_desktop.db.repos.meeting_minutes import MinutesRepository
from crte_desktop.db.repos.meeting import MeetingRepository
from crte_desktop.domain.enums import ActionStatus
from crte_desktop.domain.errors import DomainError, Problem
from crte_desktop.domain.meeting_rules import (
    check_decision, check_decision_applicable, check_follow_up, require_editable_minutes,
)
from crte_desktop.domain.meetings import Decision, DecisionEffect, FollowUp, LinkedAction, decision_context
from crte_desktop.editing.actions import ActionBundle, ActionService
from crte_desktop.meetings.agenda import linked_action_problems
from crte_desktop.meetings.base import meeting_changes, refuse
from crte_desktop.meetings.meetings import MeetingService


class DecisionService:
    def __init__(self, store, today: date | None = None):
        self.store = store
        self.today = today
        self.repo = MinutesRepository(store)
        self.agenda = AgendaRepository(store)
        self.meetings = MeetingService(store, today)
        self.meeting_repo = MeetingRepository(store)
        self.actions = ActionService(store)

    # -- decisions ----------------------------------------------------------------------------------
    def decisions(self, meeting_id: int) -> list[Decision]:
        return self.repo.decisions(meeting_id)

    def get(self, decision_id: int) -> Decision:
        decision = self.repo.decision(decision_id)
        if decision is None:
            raise DomainError("Cette décision n'existe plus.")
        return decision

    def new_decision(self, meeting_id: int, agenda_item_id: int | None = None) -> Decision:
        return Decision(meeting_id=meeting_id, text="", number=self.repo.next_number(meeting_id),
                        agenda_item_id=agenda_item_id)

    def problems(self, decision: Decision) -> list[Problem]:
        problems = check_decision(decision)
        if decision.number and self.repo.number_taken(decision.meeting_id, decision.number, decision.id):
            problems.append(Problem("number", f"Le numéro {decision.number} est déjà pris dans cette séance."))
        if decision.agenda_item_id is not None:
            item = self.agenda.item(decision.agenda_item_id)
            if item is None or item.meeting_id != decision.meeting_id:
                problems.append(Problem("agenda_item_id", "Ce point de l'ordre du jour n'appartient pas à cette séance."))
        links = decision.actions
        old = self.repo.decision(decision.id) if decision.id is not None else None
        if old is not None:  # links kept after their action's deletion are not refused
            deleted_before = {a.label for a in old.actions if a.deleted}
            links = [a for a in links if not (a.deleted and a.label in deleted_before)]
        problems += linked_action_problems(self.store, self.meeting_repo, decision.meeting_id, links, "la décision")
        return problems

    def save_decision(self, decision: Decision) -> Changes:
        meeting = self.meetings.get(decision.meeting_id)
        require_editable_minutes(meeting)
        if decision.id is not None:
            old = self.get(decision.id)
            if old.applied and (old.effect, old.outcome) != (decision.effect, decision.outcome):
                raise DomainError(f"La décision n° {old.number} est déjà appliquée aux actions : son résultat et son "
                                  "effet ne peuvent plus changer.")
            decision.applied_on = old.applied_on
        refuse(self.problems(decision))
        with self.store.transaction():
            self.repo.save_decision(decision, self.meetings.label(meeting))
        return self.store.notify(meeting_changes(meeting.id, {a.action_id for a in decision.actions if a.action_id}))

    def delete_decision(self, decision_id: int) -> Changes:
        decision = self.get(decision_id)
        require_editable_minutes(self.meetings.get(decision.meeting_id))
        with self.store.transaction():
            self.repo.delete_decision(decision_id)
        return self.store.notify(meeting_changes(decision.meeting_id))

    # -- applying a decision to the actions ---------------------------------------------------------
    def context(self, decision: Decision) -> str:
        """"Décision du COPIL du 12/03/2024 — n° 3": recorded with the history rows of the actions."""
        meeting = self.meetings.get(decision.meeting_id)
        return decision_context(self.meetings.committee_of(meeting), meeting, decision)

    def bundle_for(self, decision_id: int) -> ActionBundle:
        """The action form's starting point for applying a decision: the linked action (adaptation,
        financing, abandonment — already marked abandoned), or a new action of the contract (inclusion)."""
        decision = self.get(decision_id)
        if decision.effect is DecisionEffect.INCLUDE:
            contract_id = self.meeting_repo.contract_of(decision.meeting_id)
            meeting = self.meetings.get(decision.meeting_id)
            return self.actions.new_bundle(contract_id, year=meeting.date.year if meeting.date else None)
        targets = [a.action_id for a in decision.actions if a.action_id is not None]
        if not targets:
            raise DomainError(f"L'action liée à la décision n° {decision.number} n'existe plus.")
        bundle = self.actions.load(targets[0])
        if decision.effect is DecisionEffect.ABANDON:
            bundle.action.status = ActionStatus.ABANDONNEE
        return bundle

    def apply(self, decision_id: int, bundle: ActionBundle | None = None) -> Changes:
        """Apply an adopted decision to the programme, in one transaction (undo: ``meetings.restore``).

        - inclusion: ``bundle`` is the new action (see ``bundle_for``); it is created and linked;
        - adaptation, change of financing: ``bundle`` is the linked action as modified;
        - abandonment: every linked action is marked abandoned (``bundle`` optional).
        Raises ValidationError/DomainError (nothing written) when a rule is broken."""
        decision = self.get(decision_id)
        meeting = self.meetings.get(decision.meeting_id)
        refuse(check_decision_applicable(meeting, decision))
        contract_id = self.meeting_repo.contract_of(meeting.id)
        linked = [a.action_id for a in decision.actions if a.action_id is not None]
        effect = decision.effect
        if effect is DecisionEffect.INCLUDE:
            if bundle is None:
                raise DomainError("Préparez la fiche de l'action à inscrire avant d'appliquer la décision.")
            if bundle.action.id is not None and self.actions.actions.get(bundle.action.id) is not None:
                raise DomainError("Une inscription crée une nouvelle action : cette fiche existe déjà.")
            bundles = [bundle]
        elif effect is DecisionEffect.ABANDON:
            if not linked:
                raise DomainError(f"L'action liée à la décision n° {decision.number} n'existe plus.")
            bundles = [bundle] if bundle is not None else []
            for aid in linked:
                if bundle is None or bundle.action.id != aid:
                    b = self.actions.load(aid)
                    b.action.status = ActionStatus.ABANDONNEE
                    bundles.append(b)
            if any(b.action.id not in linked for b in bundles):
                raise DomainError("La fiche modifiée n'est pas une action liée à cette décision.")
            if any(b.action.status is not ActionStatus.ABANDONNEE for b in bundles):
                raise DomainError("Un abandon passe l'action au statut « Abandonnée ».")
        else:
            if bundle is None:
                raise DomainError("Préparez la fiche modifiée de l'action avant d'appliquer la décision.")
            if bundle.action.id not in linked:
                raise DomainError("La fiche modifiée n'est pas une action liée à cette décision.")
            bundles = [bundle]
        for b in bundles:
            if b.action.contract_id != contract_id:
                raise DomainError("Cette action n'appartient pas au contrat de ce comité.")
            refuse(self.actions.problems(b))
        label = self.meetings.label(meeting)
        if len(bundles) > 1:
            self.store.snapshot_before("decision")  # several actions at once: a version to go back to
        with self.store.transaction():
            with self.store.context(self.context(decision)):
                for b in bundles:
                    self.actions.save(b)
            if effect is DecisionEffect.INCLUDE:
                new = bundles[0].action
                decision.actions.append(LinkedAction(new.id, f"{new.reference} — {new.title}"))
            decision.applied_on = datetime.now().replace(microsecond=0)
            self.repo.save_decision(decision, label)
        return self.store.notify(meeting_changes(meeting.id, {b.action.id for b in bundles}))

    # -- follow-ups ---------------------------------------------------------------------------------
    def follow_ups(self, meeting_id: int) -> list[FollowUp]:
        return self.repo.follow_ups(meeting_id)

    def new_follow_up(self, meeting_id: int, decision_id: int | None = None) -> FollowUp:
        return FollowUp(meeting_id=meeting_id, text="", decision_id=decision_id)

    def follow_up_problems(self, follow_up: FollowUp) -> list[Problem]:
        meeting = self.meetings.get(follow_up.meeting_id)
        problems = check_follow_up(follow_up, meeting.date)
        if follow_up.decision_id is not None:
            d = self.repo.decision(follow_up.decision_id)
            if d is None or d.meeting_id != meeting.id:
                problems.append(Problem("decision_id", "Cette décision n'appartient pas à cette séance."))
        if follow_up.agenda_item_id is not None:
            item = self.agenda.item(follow_up.agenda_item_id)
            if item is None or item.meeting_id != meeting.id:
                problems.append(Problem("agenda_item_id", "Ce point de l'ordre du jour n'appartient pas à cette séance."))
        return problems

    def save_follow_up(self, follow_up: FollowUp) -> Changes:
        """Create or change a follow-up. Once the minutes are validated, only its progress (done, done on)
        may still change."""
        meeting = self.meetings.get(follow_up.meeting_id)
        if meeting.minutes_locked:
            old = self.repo.follow_up(follow_up.id) if follow_up.id is not None else None
            if old is None or (old.text, old.owner, old.due_date, old.decision_id, old.agenda_item_id) != (
                    follow_up.text, follow_up.owner, follow_up.due_date, follow_up.decision_id, follow_up.agenda_item_id):
                require_editable_minutes(meeting)
        if follow_up.done and follow_up.done_on is None:
            follow_up.done_on = self.today or date.today()
        if not follow_up.done:
            follow_up.done_on = None
        refuse(self.follow_up_problems(follow_up))
        with self.store.transaction():
            self.repo.save_follow_up(follow_up)
        return self.store.notify(meeting_changes(meeting.id))

    def set_done(self, follow_up_id: int, done: bool = True, on: date | None = None) -> Changes:
        follow_up = self.repo.follow_up(follow_up_id)
        if follow_up is None:
            raise DomainError("Cette suite à donner n'existe plus.")
        follow_up.done = done
        follow_up.done_on = (on or self.today or date.today()) if done else None
        return self.save_follow_up(follow_up)

    def delete_follow_up(self, follow_up_id: int) -> Changes:
        follow_up = self.repo.follow_up(follow_up_id)
        if follow_up is None:
            return Changes()
        require_editable_minutes(self.meetings.get(follow_up.meeting_id))
        with self.store.transaction():
            self.repo.delete_follow_up(follow_up_id)
        return self.store.notify(meeting_changes(follow_up.meeting_id))
