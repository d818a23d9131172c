"""The tabs of the fiche action form (views/action_form.py) and the small input widgets they share.

Each tab edits, in place, a part of the ``ActionBundle`` the form holds, emits ``edited`` after every
change, and shows the problems the form hands it (computed by the domain, never here)."""
