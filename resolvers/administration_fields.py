"""Departments and principals: the security administrator's and the data authority's acts
(gateway.workflows.departments, principal_admin, roles). Each is audited, refusals included."""
from __future__ import annotations

import datetime as dt
import enum
from typing import Optional

import strawberry
from strawberry.types import Info

from gateway.workflows import departments, principal_admin
from resolvers.workflow_fields import _run


@strawberry.type(name="Department", description="A department of the city (§42).")
class DepartmentRecord:
    code: str
    name: str
    credit_code: Optional[str] = strawberry.field(
        description="Unified social credit code (GB 32100).")
    is_data_authority: bool
    active: bool
    contact_email: str = strawberry.field(description="Public contact e-mail for open data.")
    contact_phone: str = strawberry.field(description="Public contact telephone for open data.")


@strawberry.enum(description="What a principal is.")
class PrincipalKind(enum.Enum):
    APP = "APP"
    PERSON = "PERSON"
    ORGANIZATION = "ORGANIZATION"
    CITIZEN = "CITIZEN"


@strawberry.type(name="Principal", description="Who may call: the subject of its tokens.")
class PrincipalRecord:
    name: str
    display_name: str
    kind: PrincipalKind
    department: Optional[str]
    active: bool
    roles: list[str]
    created_at: Optional[dt.datetime]
    created_by: Optional[str]


def department_record(d) -> DepartmentRecord:
    return DepartmentRecord(code=d.code, name=d.name, credit_code=d.credit_code,
                            is_data_authority=d.is_data_authority, active=d.active,
                            contact_email=d.contact_email or "",
                            contact_phone=d.contact_phone or "")


def principal_record(p) -> PrincipalRecord:
    return PrincipalRecord(name=p.name, display_name=p.display_name, kind=PrincipalKind(p.kind),
                           department=p.department_code, active=p.active,
                           roles=sorted(r.role for r in p.roles), created_at=p.created_at,
                           created_by=p.created_by)


def departments_field(info: Info, include_inactive: bool = True) -> list[DepartmentRecord]:
    return [department_record(d) for d in
            departments.list_departments(info.context.services, include_inactive)]


def principals_field(info: Info, department: Optional[str] = None) -> list[PrincipalRecord]:
    return [principal_record(p) for p in
            _run(info, "LIST_PRINCIPALS", principal_admin.list_principals, department)]


QUERY_FIELDS = {
    "departments": strawberry.field(resolver=departments_field,
                                    description="The city's departments (public)."),
    "principals": strawberry.field(resolver=principals_field,
                                   description="Registered principals (security admin, auditor)."),
}


@strawberry.type
class AdministrationMutation:
    @strawberry.mutation(description="Add a department (data authority).")
    def create_department(self, info: Info, code: str, name: str,
                          credit_code: str) -> DepartmentRecord:
        return department_record(_run(info, "CREATE_DEPARTMENT", departments.create, code,
                                      name, credit_code))

    @strawberry.mutation(description="Rename a department, correct its credit code or set "
                                     "its public contact for open data (data authority).")
    def update_department(self, info: Info, code: str, name: Optional[str] = None,
                          credit_code: Optional[str] = None,
                          contact_email: Optional[str] = None,
                          contact_phone: Optional[str] = None) -> DepartmentRecord:
        return department_record(_run(info, "UPDATE_DEPARTMENT",
                                      lambda s, c: departments.update(
                                          s, c, code, name=name, credit_code=credit_code,
                                          contact_email=contact_email,
                                          contact_phone=contact_phone)))

    @strawberry.mutation(description="Deactivate (with a reason) or reactivate a department; "
                                     "its principals are refused at once (data authority).")
    def set_department_active(self, info: Info, code: str, active: bool,
                              reason: str = "") -> DepartmentRecord:
        return department_record(_run(info, "SET_DEPARTMENT_ACTIVE", departments.set_active,
                                      code, active, reason))

    @strawberry.mutation(description="Register an app or person of a department, an "
                                     "organisation or a citizen, with no roles (security admin).")
    def register_principal(self, info: Info, name: str, display_name: str, kind: PrincipalKind,
                           department: Optional[str] = None, id_number: Optional[str] = None,
                           credit_code: Optional[str] = None) -> PrincipalRecord:
        return principal_record(_run(info, "REGISTER_PRINCIPAL", principal_admin.register, name,
                                     display_name, kind.value, department, id_number,
                                     credit_code))

    @strawberry.mutation(description="Change a principal's display name (security admin).")
    def update_principal(self, info: Info, name: str, display_name: str) -> PrincipalRecord:
        return principal_record(_run(info, "UPDATE_PRINCIPAL", principal_admin.set_display_name,
                                     name, display_name))

    @strawberry.mutation(description="Deactivate (with a reason) or reactivate a principal; it "
                                     "is refused at once on every gateway process (security admin).")
    def set_principal_active(self, info: Info, name: str, active: bool,
                             reason: str = "") -> PrincipalRecord:
        return principal_record(_run(info, "SET_PRINCIPAL_ACTIVE", principal_admin.set_active,
                                     name, active, reason))
