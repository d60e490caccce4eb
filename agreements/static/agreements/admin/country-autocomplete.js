// Turns the country selects in the agreement form into the admin's own
// searchable select (select2), fed from the options already in the page:
// no requests, nothing inline, so it works under the site's strict policy.
"use strict";
{
    const $ = django.jQuery;

    const enhance = (root) => {
        $(root).find("select.country-autocomplete").not("[name*=__prefix__]").select2();
    };

    $(() => enhance(document));
    document.addEventListener("formset:added", (event) => enhance(event.target));
}
