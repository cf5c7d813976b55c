"""Admin registration: the helplines snippet.

``register_snippet`` with a ``SnippetViewSet`` gives editors a list, create, edit and delete
views under "Snippets"; ``sort_order_field`` lets editors drag
them into the order the box on the site uses (112 first).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from guidance.models import Helpline


class HelplineViewSet(SnippetViewSet):
    model = Helpline
    icon = "mobile-alt"
    menu_label = _("Helplines")
    add_to_admin_menu = True
    list_display = ["name", "number", "opening_hours", "sort_order"]
    sort_order_field = "sort_order"  # editors drag helplines into order in the list
    search_fields = ["name", "audience"]


register_snippet(HelplineViewSet)
