"""The meeting pack's synthesis shows the green shares of the dotations, a share below its threshold marked."""

from crte_desktop.db.repos.green import GreenThresholdRepository
from crte_desktop.meetings.pack_synthesis import synthesis
from tests.dashboard.sample import TODAY, build_sample


def test_the_synthesis_has_the_green_shares(workspace):
    sample = build_sample(workspace)
    html = synthesis(workspace, sample.contract_id, TODAY, set()).html
    assert "<h2>Parts vertes des dotations</h2>" in html and "Pas de seuil" in html
    GreenThresholdRepository(workspace).save(sample.schemes["DETR"], 2021, 20)
    html = synthesis(workspace, sample.contract_id, TODAY, set()).html
    assert "<td>2021</td><td>DETR</td>" in html and "<b>Sous le seuil</b>" in html
    assert "Parts vertes sous leur seuil" in html  # the alerts table counts it too
