"""Wagtail admin strings that the installed packages leave in English (or misspell) in Norwegian.

Wagtail 8's Norwegian catalog lacks many strings of the screens editors use every day (the
page editor, the scheduling dialog, the explorer, search, reports, workflows), and spells
«Tiittel»; wagtail-modeltranslation ships no catalogs at all. Django looks a string up in the
catalogs on ``LOCALE_PATHS`` before any app's, so the project's own ``locale/nb`` supplies
them. They are listed here, marked with ``gettext_noop``, only so that ``makemessages`` (``python
-m plikt.i18n.catalogs --sync``) keeps them in the project's catalogs; the Norwegian is written
in ``locale/nb/LC_MESSAGES/django.po`` like every other string. Found by rendering those screens
for a Norwegian editor and looking for the msgids the packages' ``nb`` catalogs leave empty;
``tests/plikt/test_admin_norwegian.py`` renders them again. When Wagtail is upgraded, its
catalog may translate some of these: ours still wins, so compare before removing one.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

# ruff: noqa: E501 - each msgid stays on one line, exactly as the package writes it, to grep for

WAGTAIL = (
    gettext_noop("A network error occurred"),
    gettext_noop("Actions (footer)"),
    gettext_noop("Add Comment"),
    gettext_noop("Add a concise description for search engines"),
    gettext_noop("Add a workflow"),
    gettext_noop("Add comment"),
    gettext_noop("Add or show comments"),
    gettext_noop("Aging pages"),
    gettext_noop("All keyboard shortcuts"),
    gettext_noop("Any"),
    gettext_noop("Anyone"),
    gettext_noop("Application"),
    gettext_noop("Approved"),
    gettext_noop("Autosave is paused"),
    gettext_noop("Avoid skipping levels"),
    gettext_noop("Awaiting my review"),
    gettext_noop("Button text is empty"),
    gettext_noop("By task"),
    gettext_noop("By workflow"),
    gettext_noop("Cancelled"),
    gettext_noop("Checks"),
    gettext_noop("Choose when this page should go live and/or expire"),
    gettext_noop("Choose who can view the live version of this page"),
    gettext_noop("Close dialog"),
    gettext_noop("Close modal dialogs (like this one)"),
    gettext_noop("Comment notifications"),
    gettext_noop("Comments"),
    gettext_noop("Completed at"),
    gettext_noop("Content metrics"),
    gettext_noop("Correct the validation errors to resume preview (saving will highlight errors)"),
    gettext_noop("Create"),
    gettext_noop("Cut"),
    gettext_noop("Date / Time"),
    gettext_noop("Date updated"),
    gettext_noop("Delete selected pages"),
    gettext_noop("Edit account avatar"),
    gettext_noop("Edited by"),
    gettext_noop("Editor Guide"),
    gettext_noop("Empty frame title found"),
    gettext_noop("Empty heading found"),
    gettext_noop("Filter by"),
    gettext_noop("First published"),
    gettext_noop("Group approval task"),
    gettext_noop("Has child pages"),
    gettext_noop("Help"),
    gettext_noop("How we calculate our metrics"),
    gettext_noop("Image alt text has inappropriate pattern"),
    gettext_noop("In progress"),
    gettext_noop("Incorrect heading hierarchy"),
    gettext_noop("Input button text is empty"),
    gettext_noop("Insert or edit a link"),
    gettext_noop("Is commenting action"),
    gettext_noop("Issues found"),
    gettext_noop("Keyboard shortcut"),
    gettext_noop("Keyboard shortcuts"),
    gettext_noop("Last published"),
    gettext_noop("Last published before"),
    gettext_noop("Last published by"),
    gettext_noop("Link text is empty"),
    gettext_noop("Loading"),
    gettext_noop("Locked by"),
    gettext_noop("Locked pages"),
    gettext_noop("Locking: "),
    gettext_noop("Meta description is empty"),
    gettext_noop("Minimap"),
    gettext_noop("Misusing paragraphs as headings"),
    gettext_noop("Monospace (code)"),
    gettext_noop("Move selected pages"),
    gettext_noop("Needs changes"),
    gettext_noop("New workflow task"),
    gettext_noop("No pages/snippets have been submitted for moderation yet"),
    gettext_noop("No publishing schedule set"),
    gettext_noop("Not visible to the public"),
    gettext_noop("Once live anyone can view"),
    gettext_noop("Page type"),
    gettext_noop("Page types usage"),
    gettext_noop("Page visibility: "),
    gettext_noop("Paste"),
    gettext_noop("Paste without formatting"),
    gettext_noop("Preview in desktop size"),
    gettext_noop("Preview in mobile size"),
    gettext_noop("Preview in new tab"),
    gettext_noop("Preview in tablet size"),
    gettext_noop("Preview is out of date"),
    gettext_noop("Preview mode"),
    gettext_noop("Private. Visit the live page"),
    gettext_noop("Publish selected pages"),
    gettext_noop("Published"),
    gettext_noop("Readability"),
    gettext_noop("Reading time"),
    gettext_noop("Rejected"),
    gettext_noop("Requested by"),
    gettext_noop("Save changes"),
    gettext_noop("Save schedule"),
    gettext_noop("Saved"),
    gettext_noop("Schedule to publish"),
    gettext_noop("Search all pages…"),
    gettext_noop("Search…"),
    gettext_noop("Select"),
    gettext_noop("Set publishing schedule"),
    gettext_noop("Set schedule"),
    gettext_noop("Shortcuts"),
    gettext_noop("Show"),
    gettext_noop("Show disabled"),
    gettext_noop("Show filters"),
    gettext_noop("Show issue"),
    gettext_noop("Show keyboard shortcuts"),
    gettext_noop("Side panel width"),
    gettext_noop("Side panels"),
    gettext_noop("Site history"),
    gettext_noop("Skipped"),
    gettext_noop("Sort menu order"),
    gettext_noop("Started at"),
    gettext_noop("Status: "),
    gettext_noop("Strike-through"),
    gettext_noop("Table header text is empty"),
    gettext_noop("Text editing"),
    gettext_noop("Text formatting"),
    gettext_noop("The descriptive text displayed underneath a headline in search engine results."),
    gettext_noop(
        "The name of the page displayed on search engine results as the clickable headline."
    ),
    gettext_noop("This data explained"),
    gettext_noop(
        'This publishing schedule will only take effect after you select the "Schedule to publish" option'
    ),
    gettext_noop("Toggle breadcrumbs"),
    gettext_noop("Toggle checks"),
    gettext_noop("Toggle comments"),
    gettext_noop("Toggle minimap"),
    gettext_noop("Toggle preview"),
    gettext_noop("Toggle section"),
    gettext_noop("Toggle side panel"),
    gettext_noop("Toggle sidebar"),
    gettext_noop("Toggle status"),
    gettext_noop(
        "Troubleshoot your connection to the site before proceeding. Open the editor in a separate tab to view the last saved version."
    ),
    gettext_noop("Unpublish selected pages"),
    gettext_noop("Use a meaningful title for screen reader users"),
    gettext_noop("Use meaningful text"),
    gettext_noop("Use meaningful text for screen reader users"),
    gettext_noop("Use proper heading tags"),
    gettext_noop("Used by"),
    gettext_noop("Used on"),
    gettext_noop("View history"),
    gettext_noop("View latest version"),
    gettext_noop("Visible to all"),
    gettext_noop("Visible to all. Visit the live page"),
    gettext_noop(
        "We calculate reading time from word count, using different reading speeds for different languages."
    ),
    gettext_noop(
        "We extract the main content from the page preview, remove all formatting, and calculate the number of words."
    ),
    gettext_noop(
        "We use a readability formula based on length of words and sentences. Long sentences and words result in a worse readability score."
    ),
    gettext_noop("Words"),
    gettext_noop("Workflow"),
    gettext_noop("Workflow tasks"),
    gettext_noop("Workflows"),
    gettext_noop("What's new in Wagtail %(version)s"),
    gettext_noop("Wagtail %(current_version)s editor guide"),
    gettext_noop("Anyone can edit this %(model_name)s"),
    gettext_noop("Anyone can edit this %(model_name)s – lock it to prevent others from editing"),
    gettext_noop("To be created by %(user)s"),
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Sort by '%(label)s' in descending order."),
    # Messages after saving, submitting and scheduling.
    gettext_noop("Go to the first error"),
    gettext_noop("Autosave is <span>paused</span>"),
    gettext_noop("There are validation errors, click save to highlight them."),
    gettext_noop("The page could not be created due to validation errors."),
    gettext_noop("The page could not be saved due to validation errors."),
    gettext_noop("The page could not be saved as it is locked."),
    gettext_noop(
        'The page "%(title)s" has been submitted for moderation to workflow "%(workflow)s".'
    ),
    gettext_noop('The page "%(title)s" has been submitted to workflow "%(workflow)s"'),
    gettext_noop('The page "%(title)s" has been approved in workflow "%(workflow)s".'),
    gettext_noop(
        "Page '%(page_title)s' is live and this version has been scheduled for publishing."
    ),
    gettext_noop("Workflow on page '%(page_title)s' has been cancelled."),
    # Field names, which Wagtail's filters show with a capital: "Requested by", "Workflow".
    gettext_noop("requested by"),
    gettext_noop("task"),
    gettext_noop("workflow"),
)

# wagtail-modeltranslation: the language picker's label and its slug check.
MODELTRANSLATION = (
    gettext_noop("View / edit fields for"),
    gettext_noop("This slug is already in use"),
)

# Wagtail's Norwegian for this one says «Tiittel».
MISSPELLED = (gettext_noop("The page title as you'd like it to be seen by the public"),)

# Plural strings: the search results' count, the usage count in the status panel.
PLURALS = (
    ngettext_lazy("Referenced %(count)s time", "Referenced %(count)s times", "count"),
    ngettext_lazy("There is one matching page", "There are %(counter)s matching pages", "counter"),
)

STRINGS = WAGTAIL + MODELTRANSLATION + MISSPELLED
