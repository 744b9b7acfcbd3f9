"""Letter templates (the CME manager) and issued documents (anyone who may read the case)."""

from django.urls import URLPattern, URLResolver, path

from cme.letters import views

app_name = "letters"

urlpatterns: list[URLPattern | URLResolver] = [
    path("letters/", views.kinds, name="kinds"),
    path("letters/<slug:kind>/", views.template_edit, name="template_edit"),
    path("letters/<slug:kind>/preview.pdf", views.template_preview_pdf, name="template_preview_pdf"),
    path("letters/<slug:kind>/versions/", views.template_versions, name="template_versions"),
    path("letters/<slug:kind>/versions/<int:version>/", views.template_version, name="template_version"),
    path(
        "letters/<slug:kind>/versions/<int:version>/letter.pdf",
        views.template_version_pdf,
        name="template_version_pdf",
    ),
    path("documents/<uuid:document_id>/", views.document_download, name="document_download"),
    path("cases/<uuid:case_id>/documents/", views.case_documents_page, name="case_documents"),
]
