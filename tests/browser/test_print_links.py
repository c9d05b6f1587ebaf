"""The print's link check (analysis.tools.pdf.LINKS_JS) on a small page: a link within the single page to an
id the page lacks is reported, as a link to a chapter's missing id is. A MyST label the single page dropped
(`(resumption-sessions)=`) printed as a link leading nowhere, which the check let through unread."""

from __future__ import annotations

from analysis.tools import pdf

PAGE = (
    '<section class="edition-chapter" data-document="resumption" id="resumption">'
    '<p>See <a href="#nowhere">a dropped label</a>, <a href="#the-sessions">the sessions</a>, <a href="#overview">an id'
    ' two chapters share</a> and <a href="#50%">a stray percent sign</a>.</p>'
    '<section id="the-sessions"><h2>The sessions</h2></section>'
    '<section id="overview"><h2>Overview<a class="headerlink" href="#overview">#</a></h2></section></section>'
    '<section class="edition-chapter" data-document="reset" id="reset"><section id="overview"></section></section>'
)


def test_a_link_within_the_page_to_an_id_it_lacks_is_reported(browser) -> None:
    page = browser.new_page()
    try:
        page.set_content(PAGE)
        assert page.evaluate(pdf.LINKS_JS, list(pdf.SPHINX_PAGES)) == ["#nowhere", "#overview", "#50%"]
    finally:
        page.close()
