"""The built default toolkit opens in Chromium and asks nothing of another host."""


def test_cycle_page_opens_with_diagram_and_no_external_requests(page, site_url):
    page.goto(site_url + "cycle/")
    assert page.locator("h1").inner_text().rstrip("¶") == "The partnership cycle"
    stages = page.locator("a.tk-cycle__stage")
    assert stages.count() == 3
    stages.first.locator("path").click()
    page.wait_for_url("**/getting-started/")
    assert page.log.external(site_url) == []
    assert page.log.page_errors == []
