from django.urls import path

from cme.enquiries import views

app_name = "enquiries"

urlpatterns = [
    path("cases/<uuid:case_id>/enquiries/", views.checklist, name="checklist"),
    path("cases/<uuid:case_id>/enquiries/councils/<uuid:enquiry_id>/", views.council_enquiry, name="council_enquiry"),
    path("cases/<uuid:case_id>/enquiries/<slug:check>/", views.enquiry, name="enquiry"),
    path("enquiries/inbound/", views.inbound_list, name="inbound_list"),
    path("enquiries/inbound/new/", views.inbound_new, name="inbound_new"),
    path("enquiries/inbound/<uuid:inbound_id>/", views.inbound_detail, name="inbound_detail"),
]
