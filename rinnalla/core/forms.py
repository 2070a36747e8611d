from django.forms.renderers import TemplatesSetting


class RinnallaFormRenderer(TemplatesSetting):
    """Every form renders its fields with the design system's markup and error texts."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
