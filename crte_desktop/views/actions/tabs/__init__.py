"""The tabs of the fiche action form (views/actions/action_form.py)."""
